"""Create the Trainers and Administrators groups with their permissions.

Model permissions are created by Django after migrations run, so this
creates the ones it needs itself (as Wagtail's own data migrations do).
Administrators approve content: issue #3 adds them to the moderation workflow.
"""

from django.db import migrations

PAGE_PERMISSIONS = {
    "Trainers": ["add_page", "change_page", "lock_page", "unlock_page"],
    "Administrators": ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    "Trainers": ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    "Administrators": [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
}
MODEL_PERMISSIONS = {
    "Trainers": [("wagtailadmin", "admin", "access_admin")],
    "Administrators": [
        ("wagtailadmin", "admin", "access_admin"),
        ("accounts", "user", "add_user"),
        ("accounts", "user", "change_user"),
        ("accounts", "user", "delete_user"),
        ("cms", "sitesettings", "change_sitesettings"),
    ],
}
CODENAME_MODELS = {"image": ("wagtailimages", "image"), "document": ("wagtaildocs", "document")}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for group_name in ("Trainers", "Administrators"):
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename in MODEL_PERMISSIONS[group_name]:
            group.permissions.add(_permission(apps, app_label, model, codename))
        if root_page is not None:
            for codename in PAGE_PERMISSIONS[group_name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=_permission(apps, "wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for codename in COLLECTION_PERMISSIONS[group_name]:
                app_label, model = CODENAME_MODELS[codename.split("_", 1)[1]]
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, app_label, model, codename)
                )


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Trainers", "Administrators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cms", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
