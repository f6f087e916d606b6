"""200 emails through the outbox while the `celery worker` (two processes, on
PostgreSQL and Redis) is SIGKILLed every 2 seconds, as a crash would. Beat's
re-dispatch is `outbox_dispatch_due`, run by the test between kills; a claim
is stale after 3 s here (OUTBOX_CLAIM_STALE_SECONDS) instead of minutes. The
figures are printed in the run's "reliability figures" section and written
down in docs/reliability.md."""

import time
from collections import Counter
from collections.abc import Iterator

import pytest
from django.core.mail import EmailMessage
from django.db import transaction

from outbox.mail import email_enqueue
from outbox.models import OutboxItem
from outbox.services import outbox_dispatch_due
from tests.conftest import worker_process
from tests.services import SmtpSink, WorkerProcess

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

STALE_SECONDS = 3


@pytest.fixture
def fault_worker(transactional_db: None, smtp_sink: SmtpSink, monkeypatch, settings) -> Iterator[WorkerProcess]:
    """A two-process worker (the test starts and kills it) whose outbox treats a claim as stale after 3 s."""
    for name in ("OUTBOX_CLAIM_STALE_SECONDS", "OUTBOX_REDISPATCH_SECONDS"):
        monkeypatch.setenv(name, str(STALE_SECONDS))
        setattr(settings, name, STALE_SECONDS)
    with worker_process(smtp_sink, start=False, concurrency=2) as worker:
        yield worker


def unsent() -> int:
    return OutboxItem.objects.filter(status__in=["pending", "claimed"]).count()


def beat_until_done(timeout: float) -> None:
    started = time.monotonic()
    while unsent():
        assert time.monotonic() - started < timeout, f"{unsent()} items still unsent after {timeout}s"
        outbox_dispatch_due()
        time.sleep(1)


def test_200_emails_while_the_worker_is_sigkilled_every_2_seconds(fault_worker, smtp_sink, figure):
    # Slow enough that six 2-second runs of two processes (96 messages at most) cannot
    # finish the 200 on a quiet machine: the kills land mid-stream wherever it runs.
    smtp_sink.delay_acceptance(0.25)
    addresses = [f"learner{number}@example.org" for number in range(200)]
    with transaction.atomic():
        for address in addresses:
            email_enqueue(EmailMessage("Two hundred", "Sent through the outbox.", to=[address]))

    kills = 0
    while unsent() and kills < 6:
        fault_worker.start()
        time.sleep(2)
        fault_worker.kill()
        kills += 1
        outbox_dispatch_due()
    assert unsent(), "the kills came too late to test anything"
    fault_worker.start()
    beat_until_done(timeout=120)
    time.sleep(1)  # a late duplicate would have arrived by now

    arrived = Counter(message["X-Envelope-To"] for message in smtp_sink.messages)
    lost = set(addresses) - set(arrived)
    duplicates = sum(count - 1 for count in arrived.values())
    figure("emails queued", len(addresses))
    figure("SIGKILLs", kills)
    figure("lost", len(lost))
    figure("duplicates (accepted by SMTP before the row was marked)", duplicates)
    assert lost == set()
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {"sent"}
    # A kill can catch each of the two processes between the server's acceptance and the mark.
    assert duplicates <= 2 * kills
