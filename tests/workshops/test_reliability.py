"""Bookings and reminders under real concurrency and real faults: PostgreSQL
row locks, HTTP requests to a live server in parallel, a Celery worker
process on Redis killed with SIGKILL, and an SMTP sink."""

import random
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
import requests
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import MemberFactory
from tests.conftest import worker_process
from tests.http import CSRF, all_at_once, signed_in_session
from tests.services import SmtpSink, WorkerProcess, message_text
from tests.workshops.factories import make_workshop
from workshops.models import Booking, Reminder, Workshop
from workshops.services import booking_cancel, booking_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def subject_of(message) -> str:
    return " ".join(str(message["Subject"]).split())  # long subjects arrive folded over lines


def book_call(base: str, session: requests.Session, workshop: Workshop):
    url = base + reverse("workshops:book", args=[workshop.pk])
    return lambda: session.post(url, data={"csrfmiddlewaretoken": CSRF}, allow_redirects=False, timeout=60).status_code


def burst(burst_server, workshop: Workshop, members) -> list[int]:
    sessions = [signed_in_session(member) for member in members]
    return all_at_once([book_call(burst_server, session, workshop) for session in sessions])


def test_fifty_concurrent_bookings_for_ten_places_never_overbook(burst_server):
    for round_number in range(3):
        workshop = make_workshop(capacity=10, title=f"Round {round_number}")
        members = MemberFactory.create_batch(50)

        statuses = burst(burst_server, workshop, members)

        assert statuses == [302] * 50  # every request was answered (with a message), none failed
        counts = Counter(Booking.objects.filter(workshop=workshop).values_list("status", flat=True))
        assert counts == {"confirmed": 10, "waitlisted": 40}, f"round {round_number}"
        per_member = Counter(Booking.objects.filter(workshop=workshop).values_list("member_id", flat=True))
        assert set(per_member.values()) == {1}
        assert set(per_member) == {m.pk for m in members}


def test_control_with_the_lock_off_the_same_burst_oversells(burst_server, settings):
    """Proves the test above can see the race: without the row lock (and with
    a pause between counting and writing) the same burst books too many."""
    settings.WORKSHOPS_BOOKING_LOCK = False
    settings.WORKSHOPS_BOOKING_TEST_PAUSE_SECONDS = 0.3
    workshop = make_workshop(capacity=10)

    burst(burst_server, workshop, MemberFactory.create_batch(50))

    assert Booking.objects.filter(workshop=workshop, status="confirmed").count() > 10


def test_concurrent_cancellations_and_bookings_keep_the_waiting_list_fair(burst_server, celery_worker, smtp_sink):
    workshop = make_workshop(capacity=10)
    holders = MemberFactory.create_batch(10)
    waiting = MemberFactory.create_batch(10)
    newcomers = MemberFactory.create_batch(10)
    with transaction.atomic():
        held = [booking_create(member=m, workshop_id=workshop.pk) for m in holders]
        for member in waiting:
            booking_create(member=member, workshop_id=workshop.pk)
    smtp_sink.wait_for(20)

    cancel_calls = []
    for member, booking in zip(holders[:6], held[:6], strict=True):
        session = signed_in_session(member)
        url = burst_server + reverse("workshops:booking_cancel", args=[booking.pk])
        cancel_calls.append(
            lambda s=session, u=url: s.post(u, data={"csrfmiddlewaretoken": CSRF}, allow_redirects=False).status_code
        )
    book_calls = [book_call(burst_server, signed_in_session(m), workshop) for m in newcomers]
    calls = cancel_calls + book_calls
    random.shuffle(calls)

    assert all_at_once(calls) == [302] * 16

    bookings = Booking.objects.filter(workshop=workshop)
    assert bookings.filter(status="confirmed").count() == 10
    promoted = list(bookings.filter(promoted_at__isnull=False).order_by("promoted_at").values_list("member", flat=True))
    assert promoted == [m.pk for m in waiting[:6]], "the first six on the waiting list, in order"
    # Newcomers queue behind everyone who was already waiting: a place never stays free while someone waits.
    assert not bookings.filter(member__in=newcomers).exclude(status="waitlisted").exists()
    subject = f"A place came up and it is yours: {workshop.title}"
    smtp_sink.wait_for(20 + 6 + 6 + 10)
    time.sleep(1)  # a duplicate would arrive by now
    promoted_mail = Counter(m["X-Envelope-To"] for m in smtp_sink.messages if subject_of(m) == subject)
    assert promoted_mail == Counter({m.email: 1 for m in waiting[:6]})


def test_a_booking_in_a_rolled_back_transaction_sends_nothing(celery_worker, smtp_sink):
    workshop = make_workshop()
    ghost, real = MemberFactory.create_batch(2)
    with pytest.raises(RuntimeError), transaction.atomic():
        booking_create(member=ghost, workshop_id=workshop.pk)
        raise RuntimeError("something later in the same request failed")
    with transaction.atomic():
        booking_create(member=real, workshop_id=workshop.pk)

    smtp_sink.wait_for(1, to=real.email)
    time.sleep(0.5)

    assert [m["X-Envelope-To"] for m in smtp_sink.messages] == [real.email]
    assert not Booking.objects.filter(member=ghost).exists()


@pytest.fixture
def reminder_worker(transactional_db: None, smtp_sink: SmtpSink, monkeypatch) -> Iterator[WorkerProcess]:
    """A worker process whose outbox gives up a dead worker's claims after 2 s, re-dispatches what is
    unsent 2 s after it was due, and takes 20 ms per reminder."""
    monkeypatch.setenv("OUTBOX_CLAIM_STALE_SECONDS", "2")
    monkeypatch.setenv("OUTBOX_REDISPATCH_SECONDS", "2")
    monkeypatch.setenv("WORKSHOPS_REMINDER_TEST_PAUSE_SECONDS", "0.02")
    with worker_process(smtp_sink, start=False) as worker:  # the test starts it, and restarts it after each kill
        yield worker


@pytest.mark.redis
def test_reminders_survive_a_worker_killed_mid_batch(reminder_worker: WorkerProcess, smtp_sink: SmtpSink):
    from outbox.tasks import outbox_dispatch_due_task
    from workshops.tasks import reminders_queue_due_task

    workshop = make_workshop(capacity=250, starts_in=timedelta(days=2), cancel_before_start=timedelta(hours=2))
    members = MemberFactory.create_batch(220)
    bookings = Booking.objects.bulk_create(
        [Booking(member=m, workshop=workshop, status="confirmed", confirmed_at=timezone.now()) for m in members]
    )
    Reminder.objects.bulk_create(
        [Reminder(booking=b, hours_before=24, due_at=timezone.now() - timedelta(minutes=1)) for b in bookings]
    )
    # Twenty cancel before their reminder: ten through the service, ten behind its back (rows left in place).
    for booking in bookings[:10]:
        booking_cancel(member=booking.member, booking_id=booking.pk)
    Booking.objects.filter(pk__in=[b.pk for b in bookings[10:20]]).update(status="cancelled")
    assert Reminder.objects.count() == 210
    expected = {b.member.email for b in bookings[20:]}
    cancelled = {b.member.email for b in bookings[:20]}
    assert len(expected) == 200

    def reminders_arrived() -> list[str]:
        return [m["X-Envelope-To"] for m in smtp_sink.messages if subject_of(m).startswith("Reminder:")]

    kills = 0
    for _ in range(4):
        reminder_worker.start()
        reminders_queue_due_task.delay()
        before = len(reminders_arrived())
        deadline = time.monotonic() + 20
        # Let it get part way (more sent since it started), then kill it mid-batch.
        while len(reminders_arrived()) < before + random.randint(15, 35) and time.monotonic() < deadline:
            time.sleep(0.02)
        reminder_worker.kill()
        kills += 1
    assert Reminder.objects.filter(sent_at__isnull=True, skipped_at__isnull=True).exists(), "the kills came too late"

    # A fresh worker and beat's next runs pick up everything, including the dead workers' stale outbox claims.
    reminder_worker.start()
    deadline = time.monotonic() + 90
    while Reminder.objects.filter(sent_at__isnull=True, skipped_at__isnull=True).exists():
        assert time.monotonic() < deadline, "reminders were lost"
        reminders_queue_due_task.delay()
        outbox_dispatch_due_task.delay()
        time.sleep(2.5)
    time.sleep(0.5)

    arrived = Counter(reminders_arrived())
    assert set(arrived) == expected, "every reminder arrived, to confirmed bookings only"
    assert not set(arrived) & cancelled
    duplicates = sum(count - 1 for count in arrived.values())
    # Each kill can catch at most one message between the SMTP server's acceptance and the commit.
    assert duplicates <= kills, f"{duplicates} duplicates from {kills} kills"
    print(f"worker killed {kills} times: {sum(arrived.values())} reminders for 200 bookings, {duplicates} duplicates")
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 200
    assert Reminder.objects.filter(skipped_at__isnull=False).count() == 10
    sample = next(m for m in smtp_sink.messages if subject_of(m).startswith("Reminder:"))
    assert workshop.title in message_text(sample)
