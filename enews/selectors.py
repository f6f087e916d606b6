"""Reads for the e-news: the issues sent, what an issue's automatic sections hold, its figures."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from accounts.models import EnewsConsentChange
from cms.models import Resource
from enews.models import EnewsIssuePage, EnewsSend
from outbox.models import OutboxItem
from workshops.selectors import workshop_list_upcoming

# With no issue sent before, "new in the library" looks back this far.
FIRST_ISSUE_LOOKS_BACK = timedelta(days=31)
MOST_RESOURCES = 8
MOST_WORKSHOPS = 6


def delivery_key_prefix(issue_id: int) -> str:
    return f"enews:{issue_id}:"


def unsubscribe_reference(issue_id: int) -> str:
    return f"enews-issue:{issue_id}"


def issues_sent() -> list[EnewsIssuePage]:
    """Live issues whose sending has started, newest first (the site's list of past issues)."""
    return list(
        EnewsIssuePage.objects.live()
        .filter(send__state=EnewsSend.State.SENDING)
        .select_related("send")
        .order_by("-send__started_at", "-pk")
    )


def resources_window_start(*, issue: EnewsIssuePage, now: datetime) -> datetime:
    """Where "new in the library" starts for this issue: when the previous issue started sending,
    or FIRST_ISSUE_LOOKS_BACK before `now` for the first issue."""
    previous = (
        EnewsSend.objects.filter(state=EnewsSend.State.SENDING, started_at__isnull=False)
        .exclude(issue=issue)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return previous or now - FIRST_ISSUE_LOOKS_BACK


def _resources_since(issue: EnewsIssuePage) -> datetime:
    send = EnewsSend.objects.filter(issue=issue).first()
    if send and send.resources_since:
        return send.resources_since  # fixed when its sending started
    return resources_window_start(issue=issue, now=timezone.now())


def issue_sections(*, issue: EnewsIssuePage, region: str) -> dict[str, Any]:
    """What the automatic blocks show to a reader in `region`: resources added since the last
    issue, and upcoming workshops (their region's first, or theirs only where the block says so)."""
    kinds = {block.block_type: block.value for block in issue.body}
    sections: dict[str, Any] = {}
    if "new_resources" in kinds:
        sections["resources"] = list(
            Resource.objects.filter(created_at__gte=_resources_since(issue))
            .select_related("organisation")
            .order_by("-created_at", "pk")[:MOST_RESOURCES]
        )
    if "upcoming_workshops" in kinds:
        only_theirs = bool(kinds["upcoming_workshops"].get("only_readers_region")) and bool(region)
        filters = {"region": region} if only_theirs else {}
        sections["workshops"] = workshop_list_upcoming(filters=filters, member_region=region)[:MOST_WORKSHOPS]
    return sections


@dataclass(frozen=True)
class SendFigures:
    targeted: int
    sent: int
    failed: int
    not_sent: int  # withdrew consent or left before their turn
    waiting: int
    unsubscribed: int

    @property
    def finished(self) -> bool:
        return self.targeted > 0 and self.waiting == 0


def send_figures(send: EnewsSend) -> SendFigures:
    """The issue's figures, counted by the database: two queries."""
    counts = dict(
        OutboxItem.objects.filter(key__startswith=delivery_key_prefix(send.issue_id))
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    unsubscribed = EnewsConsentChange.objects.filter(
        reference=unsubscribe_reference(send.issue_id), given=False
    ).count()
    return SendFigures(
        targeted=send.targeted,
        sent=counts.get(OutboxItem.Status.SENT, 0),
        failed=counts.get(OutboxItem.Status.FAILED, 0),
        not_sent=counts.get(OutboxItem.Status.SKIPPED, 0),
        waiting=counts.get(OutboxItem.Status.PENDING, 0) + counts.get(OutboxItem.Status.CLAIMED, 0),
        unsubscribed=unsubscribed,
    )


def issues_for_admin() -> list[tuple[EnewsIssuePage, EnewsSend | None]]:
    """Every issue, newest first, with its send if it has one."""
    issues = EnewsIssuePage.objects.order_by("-latest_revision_created_at", "-pk")
    sends = {send.issue_id: send for send in EnewsSend.objects.all()}
    return [(issue, sends.get(issue.pk)) for issue in issues]
