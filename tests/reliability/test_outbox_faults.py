"""The outbox under real faults: PostgreSQL, Redis, `celery worker` processes
SIGKILLed mid-send, the broker unreachable at commit time, an SMTP server
(aiosmtpd on loopback) answering 451 or 550. Beat's re-dispatch is
`outbox_dispatch_due`, run here by the test on a short schedule; its ages are
settings (OUTBOX_REDISPATCH_SECONDS, OUTBOX_CLAIM_STALE_SECONDS), a few
seconds here instead of minutes. Each figure is printed in the run's
"reliability figures" section and written down in docs/reliability.md."""

import os
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from django.core.mail import EmailMessage
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.choices import Role
from elearning.celery import app
from outbox.mail import email_enqueue
from outbox.models import OutboxItem
from outbox.services import outbox_dispatch_due
from tests.accounts.factories import MemberFactory
from tests.conftest import worker_process
from tests.services import SmtpSink, WorkerProcess
from tests.workshops.factories import make_workshop
from workshops.services import booking_create

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

STALE_SECONDS = 3
FAST_OUTBOX = {"OUTBOX_CLAIM_STALE_SECONDS": STALE_SECONDS, "OUTBOX_REDISPATCH_SECONDS": STALE_SECONDS}


@pytest.fixture(scope="module")
def module_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="module")
def shared_worker(django_db_setup: None, django_db_blocker, module_sink: SmtpSink) -> Iterator[WorkerProcess]:
    """One two-process worker for this module's tests (starting one takes seconds), whose
    outbox treats a claim as stale after 3 s and retries after 0.5 s, 1 s, 2 s..."""
    overrides = {**FAST_OUTBOX, "OUTBOX_RETRY_BASE_SECONDS": 0.5}
    previous = {name: os.environ.get(name) for name in overrides}
    os.environ.update({name: str(value) for name, value in overrides.items()})
    try:
        with django_db_blocker.unblock(), worker_process(module_sink, concurrency=2) as worker:
            yield worker
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture
def fault_worker(transactional_db: None, shared_worker: WorkerProcess, module_sink: SmtpSink, settings):
    """The shared worker, a clean SMTP sink, and this process (beat) re-dispatching after 3 s."""
    for name, value in FAST_OUTBOX.items():
        setattr(settings, name, value)
    module_sink.reset()
    return shared_worker


@pytest.fixture
def smtp_sink(module_sink: SmtpSink) -> SmtpSink:
    return module_sink


def unsent() -> int:
    return OutboxItem.objects.filter(status__in=["pending", "claimed"]).count()


def beat_until_done(timeout: float) -> float:
    """Run beat's re-dispatch every second until nothing is unsent; the seconds it took."""
    started = time.monotonic()
    while unsent():
        assert time.monotonic() - started < timeout, f"{unsent()} items still unsent after {timeout}s"
        outbox_dispatch_due()
        time.sleep(1)
    return time.monotonic() - started


def queue(addresses: list[str], subject: str) -> None:
    with transaction.atomic():
        for address in addresses:
            email_enqueue(EmailMessage(subject, "Sent through the outbox.", to=[address]))


def test_the_broker_unreachable_at_commit_time_loses_nothing(fault_worker, smtp_sink, figure):
    addresses = [f"member{number}@example.org" for number in range(20)]
    # Producers connect to broker_write_url: point it where nothing listens. Celery's
    # after-fork reset drops the cached producer pools so the next message connects anew.
    app.conf.broker_write_url = "redis://127.0.0.1:1/0"
    app._after_fork()
    try:
        queue(addresses, "Broker down")
    finally:
        app.conf.broker_write_url = None
        app._after_fork()
    assert unsent() == 20
    time.sleep(2)
    assert smtp_sink.messages == [], "nothing reached the worker while the broker was down"

    waited = beat_until_done(timeout=60)
    time.sleep(1)

    arrived = Counter(message["X-Envelope-To"] for message in smtp_sink.messages)
    figure("emails committed while the broker was unreachable", len(addresses))
    figure("lost", len(set(addresses) - set(arrived)))
    figure("sent twice", sum(count - 1 for count in arrived.values()))
    figure("seconds until all were sent once it was back (re-dispatch age 3 s)", round(waited, 1))
    assert arrived == Counter(dict.fromkeys(addresses, 1))


def test_smtp_451_for_a_while_then_250_sends_all_once(fault_worker, smtp_sink, figure):
    smtp_sink.answer_every_message("451 4.3.0 Try again later")
    addresses = [f"busy{number}@example.org" for number in range(10)]
    queue(addresses, "Greylisted")
    time.sleep(4)
    refusals = len(smtp_sink.refused)
    assert refusals >= 10 and smtp_sink.messages == []

    smtp_sink.answer_every_message(None)
    beat_until_done(timeout=60)
    time.sleep(1)

    arrived = Counter(message["X-Envelope-To"] for message in smtp_sink.messages)
    tries = list(OutboxItem.objects.values_list("tries", flat=True))
    figure("emails", len(addresses))
    figure("451 answers while refusing", refusals)
    figure("sent", len(arrived))
    figure("sent twice", sum(count - 1 for count in arrived.values()))
    figure("most tries for one email", max(tries))
    assert arrived == Counter(dict.fromkeys(addresses, 1))
    assert min(tries) >= 2


def test_smtp_550_is_marked_failed_not_retried_and_shown_to_administrators(fault_worker, smtp_sink, figure):
    smtp_sink.refuse_recipient("nobody@example.org", "550 5.1.1 No such user here")
    queue(["nobody@example.org", "somebody@example.org"], "One bounces")
    deadline = time.monotonic() + 30
    while unsent():
        assert time.monotonic() < deadline
        time.sleep(0.2)
    time.sleep(STALE_SECONDS + 1)
    outbox_dispatch_due()  # beat leaves a failed item alone
    time.sleep(2)

    failed = OutboxItem.objects.get(status="failed")
    assert failed.tries == 1 and "550 5.1.1 No such user here" in failed.last_error
    assert smtp_sink.refused.count("nobody@example.org") == 1, "asked the server once, never again"
    assert [m["X-Envelope-To"] for m in smtp_sink.messages] == ["somebody@example.org"]
    figure("tries of the 550 email", failed.tries)
    client = Client()
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    page = client.get(reverse("outbox_admin:list") + "?status=failed").content.decode()
    assert "550 5.1.1 No such user here" in page and "Retry" in page


def test_a_rolled_back_transaction_sends_no_email_and_leaves_no_row(fault_worker, smtp_sink, figure):
    workshop = make_workshop()
    ghost, real = MemberFactory.create_batch(2)
    with pytest.raises(RuntimeError), transaction.atomic():
        booking_create(member=ghost, workshop_id=workshop.pk)
        email_enqueue(EmailMessage("Rolled back", "must not arrive", to=[ghost.email]))
        raise RuntimeError("something later in the same request failed")
    rows_after_rollback = OutboxItem.objects.count()
    with transaction.atomic():
        booking_create(member=real, workshop_id=workshop.pk)  # proves the worker was there to send

    smtp_sink.wait_for(1, to=real.email)
    time.sleep(1)

    figure("outbox rows after the rollback", rows_after_rollback)
    figure("emails to the rolled-back member", len(smtp_sink.messages_to(ghost.email)))
    assert rows_after_rollback == 0
    assert [m["X-Envelope-To"] for m in smtp_sink.messages] == [real.email]
