"""Trainers submit pages for moderation; administrators approve them.

Wagtail's first migrations create a "Moderators approval" workflow on the
root page whose task is for the "Moderators" group. Administrators join
that task, so what a trainer submits lands in their dashboard to approve.
"""

from django.db import migrations


def administrators_approve(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators is None:
        return
    for task in GroupApprovalTask.objects.all():
        task.groups.add(administrators)


def undo(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators is not None:
        for task in GroupApprovalTask.objects.all():
            task.groups.remove(administrators)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("accounts", "0002_role_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(administrators_approve, undo)]
