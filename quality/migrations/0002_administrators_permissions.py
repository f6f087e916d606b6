"""Administrators edit the quality statements and see the aggregate ratings report."""

from django.db import migrations

PERMISSIONS = {
    "Administrators": [
        ("qualitystatement", "add_qualitystatement"),
        ("qualitystatement", "change_qualitystatement"),
        ("qualitystatement", "delete_qualitystatement"),
        ("qualitystatement", "view_qualitystatement"),
        ("assessment", "view_quality_aggregate"),
    ],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, entries in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename in entries:
            content_type, _ = ContentType.objects.get_or_create(app_label="quality", model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="quality").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0001_statements_and_assessments"),
        ("accounts", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
