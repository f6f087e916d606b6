"""Make a cms.HomePage the site's root page, replacing Wagtail's welcome page."""

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    if HomePage.objects.exists():
        return
    # Wagtail's first migration creates a placeholder page at /home/.
    Page.objects.filter(depth=2, url_path="/home/", content_type__app_label="wagtailcore").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.first()
    home = HomePage.objects.create(
        title="Supporting the children and families of prisoners",
        draft_title="Supporting the children and families of prisoners",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "i-HOP learning"},
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("cms", "HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial"), ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes")]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
