"""Beat's entry points: thin, they call the services."""

from celery import shared_task

from workshops.services import access_needs_purge, reminders_queue_due


@shared_task(name="workshops.reminders_queue_due", acks_late=True)
def reminders_queue_due_task() -> int:
    """Hand every due reminder to the outbox. Safe on several workers at once (rows are taken with SKIP LOCKED)."""
    return reminders_queue_due()


@shared_task(name="workshops.access_needs_purge", acks_late=True)
def access_needs_purge_task() -> int:
    return access_needs_purge()
