"""Celery entry points for the outbox: thin, they call the services."""

from celery import shared_task
from django.conf import settings

from outbox.services import outbox_dispatch_due, outbox_item_process, outbox_items_process, outbox_reconcile


@shared_task(
    name="outbox.process",
    acks_late=True,
    ignore_result=True,
    # The longest handler (a certificate PDF) stops itself well before this.
    time_limit=settings.OUTBOX_TASK_TIME_LIMIT_SECONDS,
)
def outbox_process(item_id: int) -> str:
    return outbox_item_process(item_id=item_id)


@shared_task(
    name="outbox.process_many",
    acks_late=True,
    ignore_result=True,
    time_limit=settings.OUTBOX_TASK_TIME_LIMIT_SECONDS * 10,
)
def outbox_process_many(item_ids: list[int]) -> dict[str, int]:
    return outbox_items_process(item_ids=item_ids)


@shared_task(name="outbox.dispatch_due", acks_late=True, ignore_result=True)
def outbox_dispatch_due_task() -> int:
    return outbox_dispatch_due()


@shared_task(name="outbox.reconcile", acks_late=True, ignore_result=True)
def outbox_reconcile_task() -> dict[str, int]:
    return outbox_reconcile()
