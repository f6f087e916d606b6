"""Reminders are handed to the outbox: `queued_at` replaces the claim, which the outbox now holds."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workshops", "0002_trainer_permissions")]

    operations = [
        migrations.RenameField(model_name="reminder", old_name="claimed_at", new_name="queued_at"),
        migrations.RemoveField(model_name="reminder", name="claim_token"),
    ]
