"""An e-news issue through a real `celery worker` (two pool processes, PostgreSQL, Redis) to an
SMTP sink on loopback that holds each 250 a moment after keeping the message, so a SIGKILL lands
between "the server has it" and "the row is marked sent". Each member's copy is an at-most-once
outbox item: a claim left by a killed worker is marked failed ("may have arrived"), never sent
again; consent is read again just before each member's message. Beat's re-dispatch is
`outbox_dispatch_due`, run by the test; a claim is stale after 3 s here instead of minutes. The
figures are printed in the run's "reliability figures" section and written down in
docs/reliability.md."""

import time
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.choices import Region
from accounts.models import EnewsConsentChange, User
from accounts.services import member_enews_consent_set
from enews.services import ISSUE_KIND, enews_schedule
from outbox.models import OutboxItem
from outbox.services import outbox_dispatch_due
from tests.accounts.factories import MemberFactory
from tests.conftest import worker_process
from tests.enews.factories import make_issue
from tests.services import SmtpSink, WorkerProcess

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

STALE_SECONDS = 3
BEAT_SECONDS = 1.0
MAY_HAVE_ARRIVED = "may have arrived"
# The sink's subject check wants a capital first; the factory's default title starts "i-HOP".
TITLE = "December 2026: the i-HOP e-news"


@pytest.fixture
def enews_worker(transactional_db: None, smtp_sink: SmtpSink, monkeypatch, settings) -> Iterator[WorkerProcess]:
    """A two-process worker, as `make run` starts it, not yet started (the test starts, kills and
    restarts it; the fixture stops whichever is running at the end), whose outbox treats a claim as
    stale after 3 s; this process (beat) re-dispatches after 3 s too."""
    for name in ("OUTBOX_CLAIM_STALE_SECONDS", "OUTBOX_REDISPATCH_SECONDS"):
        monkeypatch.setenv(name, str(STALE_SECONDS))
        setattr(settings, name, STALE_SECONDS)
    with worker_process(smtp_sink, start=False, concurrency=2) as worker:
        yield worker


def consenting_members(count: int) -> list[User]:
    regions = list(Region.values)
    now = timezone.now()
    User.objects.bulk_create(
        [
            User(
                email=f"reader{number}@example.org",
                full_name=f"Reader {number}",
                region=regions[number % len(regions)],
                enews_consent_at=now,
            )
            for number in range(count)
        ]
    )
    return list(User.objects.filter(email__startswith="reader").order_by("pk"))


def send_issue() -> None:
    """Publish an issue and schedule it now; the fan-out's id reaches the broker on commit."""
    enews_schedule(issue=make_issue(title=TITLE), actor=MemberFactory(is_superuser=True))


def deliveries() -> QuerySet[OutboxItem]:
    return OutboxItem.objects.filter(kind=ISSUE_KIND)


def unsent() -> int:
    return OutboxItem.objects.filter(status__in=[OutboxItem.Status.PENDING, OutboxItem.Status.CLAIMED]).count()


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll `condition`, running beat's re-dispatch once a second meanwhile, for up to `timeout` s."""
    started = time.monotonic()
    next_beat = started + BEAT_SECONDS
    while not condition():
        assert time.monotonic() - started < timeout, f"{what}: not reached after {timeout}s"
        if time.monotonic() >= next_beat:
            outbox_dispatch_due()
            next_beat += BEAT_SECONDS
        time.sleep(0.05)


def more_messages(sink: SmtpSink, count: int) -> Callable[[], bool]:
    """A condition: `count` more messages than the sink holds now have arrived."""
    target = len(sink.messages) + count
    return lambda: len(sink.messages) >= target


def received(sink: SmtpSink) -> Counter[str]:
    return Counter(message["X-Envelope-To"] for message in sink.messages)


def test_killing_the_worker_mid_send_and_restarting_it_sends_the_rest_and_no_duplicates(
    enews_worker, smtp_sink, figure
):
    # 0.1 s held per message, two processes: about 20 messages a second, so a kill that follows
    # an arrival finds both processes waiting for a 250 they have not heard.
    smtp_sink.delay_acceptance(0.1)
    members = consenting_members(300)
    send_issue()

    kills = 0
    for _ in range(4):
        enews_worker.start()
        wait_until(more_messages(smtp_sink, 30), timeout=90, what=f"30 more messages after kill {kills}")
        enews_worker.kill()
        kills += 1
    assert deliveries().count() == len(members)
    assert unsent(), "the kills came too late to test anything"
    enews_worker.start()
    wait_until(lambda: not unsent(), timeout=180, what="every delivery sent, skipped or failed")

    arrived = received(smtp_sink)
    duplicates = sum(count - 1 for count in arrived.values())
    statuses = dict(deliveries().values_list("payload__member", "status"))
    may_have_arrived = {
        item.payload["member"]
        for item in deliveries().filter(status=OutboxItem.Status.FAILED, last_error__contains=MAY_HAVE_ARRIVED)
    }
    missing = [
        member.email
        for member in members
        if member.email not in arrived and member.pk not in may_have_arrived  # neither received nor "may have"
    ]
    figure("members", len(members))
    figure("SIGKILLs", kills)
    figure("received", len(arrived))
    figure("duplicates", duplicates)
    figure("marked may-have-arrived", len(may_have_arrived))
    figure(
        "of those, arrived before the kill",
        sum(1 for member in members if member.pk in may_have_arrived and member.email in arrived),
    )
    assert duplicates == 0, [address for address, count in arrived.items() if count > 1]
    assert missing == []
    assert may_have_arrived, "no kill caught a message in flight: the test proved nothing"
    # Each pool process holds one claim at a time, so a kill leaves at most two.
    assert len(may_have_arrived) <= 2 * kills
    assert Counter(statuses.values()) == {
        OutboxItem.Status.SENT: len(members) - len(may_have_arrived),
        OutboxItem.Status.FAILED: len(may_have_arrived),
    }
    sent = {member.email for member in members if statuses[member.pk] == OutboxItem.Status.SENT}
    assert sent <= set(arrived)


def test_a_member_who_withdrew_mid_send_receives_nothing(enews_worker, smtp_sink, figure):
    smtp_sink.delay_acceptance(0.1)
    members = consenting_members(120)
    send_issue()
    enews_worker.start()
    wait_until(lambda: len(smtp_sink.messages) >= 10, timeout=60, what="the first 10 messages")

    # Every third member whose copy is still waiting withdraws from their profile. Their items are
    # locked while they do, and only those still pending under the lock count: none of them can
    # have been claimed (and their consent read) before the withdrawal.
    waiting = list(deliveries().filter(status=OutboxItem.Status.PENDING).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        locked = OutboxItem.objects.select_for_update().filter(pk__in=waiting[::3], status=OutboxItem.Status.PENDING)
        leaving = {item.payload["member"] for item in locked}
        for member in User.objects.filter(pk__in=leaving):
            member_enews_consent_set(member=member, given=False, route=EnewsConsentChange.Route.PROFILE)
    arrived_before = len(smtp_sink.messages)
    wait_until(lambda: not unsent(), timeout=120, what="every delivery sent or skipped")

    arrived = received(smtp_sink)
    left = [member for member in members if member.pk in leaving]
    stayed = [member for member in members if member.pk not in leaving]
    figure("members", len(members))
    figure("arrived before the withdrawals", arrived_before)
    figure("withdrew mid-send", len(left))
    figure("received by those who withdrew", sum(arrived[member.email] for member in left))
    figure("others who received it exactly once", sum(1 for member in stayed if arrived[member.email] == 1))
    assert len(left) >= 10, "too few were still waiting to test anything"
    assert len(smtp_sink.messages) > arrived_before, "nothing was sent after the withdrawals"
    assert [member.email for member in left if arrived[member.email]] == []
    assert {member.email: arrived[member.email] for member in stayed} == {member.email: 1 for member in stayed}
    outcomes = dict(deliveries().values_list("payload__member", "status"))
    assert {outcomes[member.pk] for member in left} == {OutboxItem.Status.SKIPPED}
    assert {outcomes[member.pk] for member in stayed} == {OutboxItem.Status.SENT}
    assert set(deliveries().filter(status=OutboxItem.Status.SKIPPED).values_list("last_error", flat=True)) == {
        "The member withdrew their consent before their turn."
    }
