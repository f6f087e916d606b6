"""Beat's entry point: thin, it calls the service."""

from celery import shared_task

from quality.services import action_reminders_send_due


@shared_task(name="quality.action_reminders_send_due", acks_late=True)
def action_reminders_send_due_task() -> int:
    return action_reminders_send_due()
