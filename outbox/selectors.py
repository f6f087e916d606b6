"""Reads about the outbox: what /healthz says and what administrators see."""

from typing import Any

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from outbox.models import OutboxItem

UNSENT = [OutboxItem.Status.PENDING, OutboxItem.Status.CLAIMED]


def outbox_health() -> tuple[dict[str, Any], bool]:
    """The outbox's part of /healthz and whether work is stuck: an unsent item
    older than OUTBOX_STUCK_SECONDS means side effects are not happening, even
    while the worker's heartbeat is fresh. One query."""
    figures = OutboxItem.objects.aggregate(
        unsent=Count("pk", filter=Q(status__in=UNSENT)),
        failed=Count("pk", filter=Q(status=OutboxItem.Status.FAILED)),
        oldest_unsent=Min("created_at", filter=Q(status__in=UNSENT)),
    )
    oldest = figures["oldest_unsent"]
    age = (timezone.now() - oldest).total_seconds() if oldest else None
    stuck = age is not None and age > settings.OUTBOX_STUCK_SECONDS
    report = {
        "state": "stuck" if stuck else "ok",
        "unsent": figures["unsent"],
        "oldest_unsent_age_seconds": None if age is None else round(age, 1),
        "failed": figures["failed"],
    }
    return report, stuck


def outbox_items_for_admin(*, status: str = "") -> "QuerySet[OutboxItem]":
    items = OutboxItem.objects.defer("payload")
    if status in OutboxItem.Status.values:
        items = items.filter(status=status)
    return items.order_by("-created_at", "-pk")


def outbox_counts() -> dict[str, int]:
    counts = dict(OutboxItem.objects.values_list("status").annotate(total=Count("pk")).values_list("status", "total"))
    return {status: counts.get(status, 0) for status in OutboxItem.Status.values}
