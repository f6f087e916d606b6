"""Administrators send the e-news."""

from django.db import migrations

CODENAMES = ["send_enews", "view_enewssend"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Administrators")
    content_type, _ = ContentType.objects.get_or_create(app_label="enews", model="enewssend")
    for codename in CODENAMES:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(content_type__app_label="enews").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enews", "0001_initial"),
        ("accounts", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
