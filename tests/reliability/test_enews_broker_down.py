"""An e-news issue sent while the broker is down, and the broker lost again mid-send, with real
parts: a `redis-server` of this test's own (killed with SIGKILL, so every message it held is gone,
and started again empty on the same port), a `celery worker` with two pool processes on
PostgreSQL, and an aiosmtpd sink on loopback. The promise under test (enews/services.py): nothing
is lost with the broker, because beat re-dispatches whatever is still pending. Beat is this
process calling `outbox_dispatch_due` and `outbox_reconcile` once a second; an unsent item is
re-dispatched 3 s after it was due here instead of minutes. The figures are printed in the run's
"reliability figures" section."""

import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.choices import Role
from elearning.celery import app
from enews.services import FAN_OUT_KIND, ISSUE_KIND
from outbox.models import OutboxItem
from outbox.services import outbox_dispatch_due, outbox_reconcile
from tests.accounts.factories import MemberFactory
from tests.conftest import database_url, require
from tests.enews.factories import make_issue
from tests.reliability.test_enews_worker import TITLE, consenting_members
from tests.services import RedisServer, SmtpSink, WorkerProcess

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDISPATCH_SECONDS = 3
BEAT_SECONDS = 1.0
MEMBERS = 300  # three batches of a hundred: two pool processes take one each, the third waits in the broker


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[RedisServer]:
    """A broker of this test's own, started, with this process's Celery app publishing to it and
    pinging through it. Producers and control connect to broker_write_url (CELERY_BROKER_URL in the
    environment would win over broker_url); Celery's after-fork reset drops the cached pools."""
    server = RedisServer(tmp_path)
    require(server.executable is not None, "needs redis-server (apt-get install redis-server)")
    server.start()
    app.conf.broker_write_url = server.url
    app._after_fork()
    try:
        yield server
    finally:
        app.conf.broker_write_url = None
        app._after_fork()
        server.stop()


@pytest.fixture
def enews_worker(
    transactional_db: None, broker: RedisServer, smtp_sink: SmtpSink, monkeypatch, settings
) -> Iterator[WorkerProcess]:
    """A started two-process worker on that broker, mailing the sink; this process (beat)
    re-dispatches what is still unsent 3 s after it was due."""
    require("postgresql" in settings.DATABASES["default"]["ENGINE"], "the worker process needs PostgreSQL")
    for name in ("OUTBOX_CLAIM_STALE_SECONDS", "OUTBOX_REDISPATCH_SECONDS"):
        monkeypatch.setenv(name, str(REDISPATCH_SECONDS))
        setattr(settings, name, REDISPATCH_SECONDS)
    worker = WorkerProcess(
        broker_url=broker.url,
        database_url=database_url(),
        email_url=f"smtp://127.0.0.1:{smtp_sink.port}",
        concurrency=2,
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        worker.start()
        yield worker
    finally:
        app.conf.task_always_eager = previous
        worker.stop()


def unsent() -> int:
    return OutboxItem.objects.filter(status__in=[OutboxItem.Status.PENDING, OutboxItem.Status.CLAIMED]).count()


class Beat:
    """Beat's two outbox tasks, run by this process; counts what the re-dispatch handed the broker."""

    def __init__(self) -> None:
        self.redispatched = 0

    def run(self) -> None:
        self.redispatched += outbox_dispatch_due()
        outbox_reconcile()

    def until(self, condition: Callable[[], bool], *, timeout: float, what: str) -> None:
        started = time.monotonic()
        next_run = started
        while not condition():
            assert time.monotonic() - started < timeout, f"{what}: not reached after {timeout}s"
            if time.monotonic() >= next_run:
                self.run()
                next_run += BEAT_SECONDS
            time.sleep(0.05)


def test_an_issue_sent_while_the_broker_is_down_reaches_each_consenting_member_once_it_is_back(
    broker, enews_worker, smtp_sink, client, figure
):
    # 30 ms held per message: the second kill lands while both pool processes are mid-batch.
    smtp_sink.delay_acceptance(0.03)
    readers = consenting_members(MEMBERS)
    not_asked = MemberFactory.create_batch(3)  # no consent given: never sent it
    issue = make_issue(title=TITLE)
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    beat = Beat()

    broker.kill()
    response = client.post(reverse("enews_admin:send", args=[issue.pk]), {"send_at": ""}, follow=True)

    # The administrator is told it is being sent, and nothing else: the broker is not their concern.
    assert response.status_code == 200
    assert [(notice.level_tag, notice.message) for notice in response.context["messages"]] == [
        ("success", f"“{issue.title}” is being sent to every member who asked for the e-news.")
    ]
    fan_out = OutboxItem.objects.get(kind=FAN_OUT_KIND)
    assert fan_out.status == OutboxItem.Status.PENDING
    time.sleep(REDISPATCH_SECONDS + 1)
    beat.run()  # beat while the broker is still down: it hands nothing over, and raises nothing
    assert beat.redispatched == 0
    assert smtp_sink.messages == []

    broker.start()  # empty: the fan-out's id never reached it
    beat.until(lambda: len(smtp_sink.messages) >= 30, timeout=90, what="the first 30 messages after the restart")
    broker.kill()  # mid-send: the batch still waiting in the broker is lost with it
    arrived_before_second_loss = len(smtp_sink.messages)
    unsent_at_second_loss = unsent()
    time.sleep(2)
    broker.start()
    redispatched_before = beat.redispatched
    beat.until(lambda: not unsent(), timeout=180, what="every delivery sent")
    time.sleep(1)  # a message more than one per member would have arrived by now

    arrived = Counter(message["X-Envelope-To"] for message in smtp_sink.messages)
    statuses = Counter(OutboxItem.objects.filter(kind=ISSUE_KIND).values_list("status", flat=True))
    figure("consenting members", len(readers))
    figure("arrived before the broker was lost mid-send", arrived_before_second_loss)
    figure("deliveries unsent when it was lost", unsent_at_second_loss)
    figure("items beat re-dispatched after it came back", beat.redispatched - redispatched_before)
    figure("received", len(arrived))
    figure("received twice", sum(count - 1 for count in arrived.values()))
    assert unsent_at_second_loss > 0, "the broker was lost too late to test anything"
    assert arrived == Counter({reader.email: 1 for reader in readers})
    assert not set(arrived) & {member.email for member in not_asked}
    assert statuses == {OutboxItem.Status.SENT: len(readers)}
