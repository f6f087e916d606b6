"""Administrators read the audit trail (nobody edits it: entries are written by services)."""

from django.db import migrations

# The group as accounts/migrations/0002 created it; a migration keeps the name it ran with.
ADMINISTRATORS = "Administrators"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="audit", model="auditentry")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_auditentry", defaults={"name": "Can view audit entry"}
    )
    group, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(content_type__app_label="audit", codename="view_auditentry").first()
    group = Group.objects.filter(name=ADMINISTRATORS).first()
    if permission and group:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_audit_entry"),
        ("accounts", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
