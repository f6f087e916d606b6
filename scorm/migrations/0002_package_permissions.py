"""Let Trainers and Administrators upload SCORM packages in the Wagtail admin.

Model permissions are created by Django after migrations run, so this
creates the ones it needs itself, as accounts/migrations/0002 does.
"""

from django.db import migrations

MODELS = ("scormpackage",)
ACTIONS = {
    "Trainers": ("add", "change", "view"),
    "Administrators": ("add", "change", "view", "delete"),
}


def _permission(apps, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="scorm", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def grant_packages(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, actions in ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model in MODELS:
            for action in actions:
                group.permissions.add(_permission(apps, model, f"{action}_{model}"))


def revoke_packages(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(content_type__app_label="scorm", content_type__model__in=MODELS)
    for group in Group.objects.filter(name__in=ACTIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("scorm", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_packages, revoke_packages)]
