"""Reads for the e-news: the issues sent, what an issue's automatic sections hold, its figures."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Q, Value
from django.db.models.functions import StrIndex, Substr
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
    return send_figures_many([send])[send.issue_id]


def send_figures_many(sends: list[EnewsSend]) -> dict[int, SendFigures]:
    """Each send's figures by issue id, counted by the database in two queries however many
    issues there are: the deliveries grouped by the issue id in their key, and the unsubscribes
    grouped by the issue they came from."""
    if not sends:
        return {}
    issue_ids = [send.issue_id for send in sends]
    # The issue id is the key's second part: "enews:<issue>:<member>".
    after_prefix = Substr("key", len("enews:") + 1)
    key_issue = Substr(after_prefix, 1, StrIndex(after_prefix, Value(":")) - 1)
    counts: dict[tuple[str, str], int] = {
        (issue, status): n
        for issue, status, n in OutboxItem.objects.filter(
            reduce(or_, (Q(key__startswith=delivery_key_prefix(issue_id)) for issue_id in issue_ids))
        )
        .annotate(issue=key_issue)
        .values_list("issue", "status")
        .annotate(n=Count("pk"))
        .values_list("issue", "status", "n")
    }
    references = {unsubscribe_reference(issue_id): issue_id for issue_id in issue_ids}
    unsubscribed = dict(
        EnewsConsentChange.objects.filter(reference__in=references, given=False)
        .values_list("reference")
        .annotate(n=Count("pk"))
        .values_list("reference", "n")
    )

    def count(issue_id: int, *statuses: str) -> int:
        return sum(counts.get((str(issue_id), status), 0) for status in statuses)

    return {
        send.issue_id: SendFigures(
            targeted=send.targeted,
            sent=count(send.issue_id, OutboxItem.Status.SENT),
            failed=count(send.issue_id, OutboxItem.Status.FAILED),
            not_sent=count(send.issue_id, OutboxItem.Status.SKIPPED),
            waiting=count(send.issue_id, OutboxItem.Status.PENDING, OutboxItem.Status.CLAIMED),
            unsubscribed=unsubscribed.get(unsubscribe_reference(send.issue_id), 0),
        )
        for send in sends
    }


def issues_for_admin() -> list[tuple[EnewsIssuePage, EnewsSend | None, SendFigures | None]]:
    """Every issue, newest first, with its send and that send's figures if it has one: four
    queries however many issues there are."""
    issues = EnewsIssuePage.objects.order_by("-latest_revision_created_at", "-pk")
    sends = {send.issue_id: send for send in EnewsSend.objects.all()}
    figures = send_figures_many(list(sends.values()))
    return [(issue, sends.get(issue.pk), figures.get(issue.pk)) for issue in issues]
