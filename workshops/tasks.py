"""Beat's entry points: thin, they call the services."""

from celery import shared_task

from workshops.services import access_needs_purge, reminders_send_due


@shared_task(
    name="workshops.reminders_send_due", acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def reminders_send_due_task() -> dict[str, int]:
    """Send every due reminder. Safe to run on several workers at once (rows are claimed with SKIP LOCKED)."""
    run = reminders_send_due()
    return {"sent": run.sent, "skipped": run.skipped}


@shared_task(name="workshops.access_needs_purge", acks_late=True)
def access_needs_purge_task() -> int:
    return access_needs_purge()
