"""Trainers and administrators edit certificate templates; administrators also
set per-course certificate options and revoke or reissue certificates."""

from django.db import migrations

PERMISSIONS = {
    "Trainers": [
        ("certificatetemplate", "add_certificatetemplate"),
        ("certificatetemplate", "change_certificatetemplate"),
        ("certificatetemplate", "view_certificatetemplate"),
    ],
    "Administrators": [
        ("certificatetemplate", "add_certificatetemplate"),
        ("certificatetemplate", "change_certificatetemplate"),
        ("certificatetemplate", "delete_certificatetemplate"),
        ("certificatetemplate", "view_certificatetemplate"),
        ("coursecertificatesettings", "add_coursecertificatesettings"),
        ("coursecertificatesettings", "change_coursecertificatesettings"),
        ("coursecertificatesettings", "delete_coursecertificatesettings"),
        ("coursecertificatesettings", "view_coursecertificatesettings"),
        ("certificate", "view_certificate"),
        ("certificate", "change_certificate"),
    ],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, entries in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename in entries:
            content_type, _ = ContentType.objects.get_or_create(app_label="certificates", model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="certificates").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("accounts", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
