"""An e-news issue to 10,000 consenting members through a real worker, against a plain SMTP loop.

`enews_issue_by_worker`: 10,000 members who consent (BENCH_ENEWS_MEMBERS; the demo's own
consenting members are sent it too and counted), one issue with the demo issue's sections (news,
a case study, new resources, workshops by region). Timed from `enews_schedule` in this process
until the last message reaches an SMTP sink on loopback, the whole way through a real `celery
worker` with two pool processes (as `make run` starts it): the fan-out, the batches of a hundred
over one SMTP connection each, consent read again per member, each row claimed and marked. The
sink must have received exactly one message per member and every row must be marked sent.

Floor: a plain smtplib loop in this process sending the same messages (the issue as a member of
each region receives it, built once) over one connection to the same sink: no database, no
broker, no rendering; run before the send and after it (the mean is the floor, with a warning
when the two differ by more than 20 %). Ratio = worker rate / floor rate; the goal (issue #16) is
0.5 or more. The worker uses its own broker database (11).
"""

import io
import os
import smtplib
import subprocess
import threading
import time
from email.generator import BytesGenerator
from pathlib import Path
from typing import Any

from support.processes import celery_worker_command, free_port, process_group_stop

MEMBERS = int(os.environ.get("BENCH_ENEWS_MEMBERS", "10000"))
CONCURRENCY = 2
BROKER_URL = os.environ.get("BENCH_ENEWS_BROKER_URL", "redis://127.0.0.1:6379/11")
GOAL = 0.5
# As bench/run.py warns for pages: a floor that moved this much around the send makes the ratio unreliable.
FLOOR_DRIFT_WARNING = 0.2
ROOT = Path(__file__).resolve().parent.parent
SLUG = "bench-e-news"

# The bench settings keep email in memory; the worker's copy points it at the sink before Django reads them.
WORKER_BOOT = """
import sys
import elearning.settings.bench as bench_settings
bench_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
bench_settings.EMAIL_HOST = "127.0.0.1"
bench_settings.EMAIL_PORT = int(sys.argv[1])
bench_settings.EMAIL_USE_TLS = False
bench_settings.EMAIL_HOST_USER = ""
bench_settings.EMAIL_HOST_PASSWORD = ""
sys.argv = ["celery", *sys.argv[2:]]
from celery.__main__ import main
main()
"""


class _Sink:
    """aiosmtpd's handler: counts messages per recipient and notes when the last one arrived."""

    def __init__(self) -> None:
        self.count = 0
        self.recipients: dict[str, int] = {}
        self.last_at = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
            self.last_at = time.perf_counter()
            for address in envelope.rcpt_tos:
                self.recipients[address] = self.recipients.get(address, 0) + 1
        return "250 OK"

    def reset(self) -> None:
        with self.lock:
            self.count, self.last_at, self.recipients = 0, 0.0, {}


def _members() -> int:
    """Add the consenting members; return how many consent in all (the demo's too)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.choices import Region
    from accounts.models import User

    regions, password, now = list(Region.values), make_password(None), timezone.now()
    User.objects.bulk_create(
        [
            User(
                email=f"bench-enews-{n}@example.org",
                full_name=f"Bench Reader {n}",
                password=password,
                region=regions[n % len(regions)],
                enews_consent_at=now,
            )
            for n in range(MEMBERS)
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return User.objects.filter(is_active=True, enews_consent_at__isnull=False).count()


def _issue() -> Any:
    """A published issue with the demo issue's sections, not yet sent."""
    from enews.models import EnewsIndexPage, EnewsIssuePage

    existing = EnewsIssuePage.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    demo = EnewsIssuePage.objects.exclude(slug=SLUG).order_by("pk").first()
    if demo is None:
        raise RuntimeError("the demo e-news issue is missing: seed_demo should have written it")
    issue = EnewsIssuePage(
        title="The bench e-news: May 2026",
        slug=SLUG,
        intro=demo.intro,
        body=demo.body.raw_data,
    )
    EnewsIndexPage.objects.get().add_child(instance=issue)
    issue.save_revision().publish()
    return EnewsIssuePage.objects.get(pk=issue.pk)


def _floor_messages(issue: Any) -> list[tuple[str, bytes]]:
    """The issue as a member of each region receives it: (address, bytes), built once."""
    from accounts.models import User
    from enews.services import enews_message

    readers = User.objects.filter(email__startswith="bench-enews-").order_by("pk")
    by_region = {reader.region: reader for reader in readers[:100]}
    built = []
    for reader in by_region.values():
        buffer = io.BytesIO()  # written as Django's SMTP backend writes it: lines end in CRLF
        BytesGenerator(buffer, mangle_from_=False).flatten(
            enews_message(issue=issue, member=reader).message(), linesep="\r\n"
        )
        built.append((reader.email, buffer.getvalue()))
    return built


def _floor(port: int, messages: list[tuple[str, bytes]], count: int) -> float:
    """Messages per second of a plain loop over one SMTP connection."""
    from django.conf import settings

    sender = settings.DEFAULT_FROM_EMAIL
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for n in range(count):
            address, raw = messages[n % len(messages)]
            client.sendmail(sender, [address], raw)
    return count / (time.perf_counter() - started)


def _floor_checked(
    harness: Any, counter: _Sink, port: int, messages: list[tuple[str, bytes]], count: int, when: str
) -> float:
    harness.progress(f"enews: floor ({when} the send), {count} messages over one SMTP connection")
    counter.reset()
    floor = _floor(port, messages, count)
    if counter.count != count:
        raise RuntimeError(f"the sink received {counter.count} of the floor's {count} messages")
    counter.reset()
    return floor


def _through_worker(harness: Any, counter: _Sink, port: int, issue: Any, consenting: int) -> float:
    """Seconds from `enews_schedule` to the last message at the sink, through a real worker; checks
    that every member got exactly one and every row is marked sent."""
    from accounts.models import User
    from elearning.celery import app
    from enews.selectors import delivery_key_prefix
    from enews.services import enews_schedule
    from outbox.models import OutboxItem

    harness.celery_broker_use(BROKER_URL)
    app.conf.task_always_eager = False
    log_path = harness.work_dir / "enews-worker.log"
    command = celery_worker_command(
        concurrency=CONCURRENCY, loglevel="WARNING", broker_url=BROKER_URL, prefix=("-c", WORKER_BOOT, str(port))
    )
    worker = subprocess.Popen(
        command,
        cwd=ROOT,
        env=harness.celery_worker_env(BROKER_URL),
        stdout=log_path.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        harness.celery_worker_wait(worker, log_path, "enews")
        harness.progress(f"enews: the issue to {consenting} members through a worker with {CONCURRENCY} processes")
        started = time.perf_counter()
        enews_schedule(issue=issue, actor=User.objects.get(email="admin@example.org"))  # the demo administrator
        timeout = time.monotonic() + max(600, consenting / 10)
        while counter.count < consenting:
            if worker.poll() is not None or time.monotonic() > timeout:
                raise RuntimeError(f"the enews worker stopped or stalled at {counter.count}; see {log_path}")
            time.sleep(0.05)
        elapsed = counter.last_at - started
        deliveries = OutboxItem.objects.filter(key__startswith=delivery_key_prefix(issue.pk))
        while deliveries.filter(status__in=[OutboxItem.Status.PENDING, OutboxItem.Status.CLAIMED]).exists():
            if time.monotonic() > timeout:
                raise RuntimeError(f"the last rows were not marked; see {log_path}")
            time.sleep(0.05)
        time.sleep(0.5)  # a message more than one per member would have arrived by now
        sent = deliveries.filter(status=OutboxItem.Status.SENT).count()
        twice = sum(1 for n in counter.recipients.values() if n > 1)
        if counter.count != consenting or sent != consenting or twice:
            raise RuntimeError(
                f"{counter.count} messages and {sent} rows sent for {consenting} members, {twice} received it twice"
            )
    finally:
        process_group_stop(worker, grace=60)
    return elapsed


def run(harness: Any) -> dict[str, dict[str, object]]:
    from aiosmtpd.controller import Controller

    harness.progress(f"enews: {MEMBERS} consenting members and an issue")
    consenting = _members()
    issue = _issue()
    messages = _floor_messages(issue)
    counter = _Sink()
    port = free_port()
    sink = Controller(counter, hostname="127.0.0.1", port=port)
    sink.start()
    try:
        floor_before = _floor_checked(harness, counter, port, messages, consenting, "before")
        elapsed = _through_worker(harness, counter, port, issue, consenting)
        floor_after = _floor_checked(harness, counter, port, messages, consenting, "after")
    finally:
        sink.stop()

    floor = (floor_before + floor_after) / 2
    if abs(floor_before - floor_after) > FLOOR_DRIFT_WARNING * floor:
        harness.progress(
            f"warning: the floor moved from {floor_before:.0f} to {floor_after:.0f} emails/s around the send; "
            "something else is using the machine, so the ratio is unreliable"
        )
    rate = consenting / elapsed
    ratio = rate / floor
    harness.progress(f"enews: ratio {ratio:.3f} against the goal of {GOAL} ({'met' if ratio >= GOAL else 'NOT met'})")
    return {
        "enews_issue_by_worker": {
            "value": round(rate, 1),
            "floor": round(floor, 1),
            "ratio": round(ratio, 3),
            "unit": "emails/s",
            "higher_is_better": True,
            "goal": GOAL,
            "members": consenting,
            "seconds": round(elapsed, 1),
            "floor_before": round(floor_before, 1),
            "floor_after": round(floor_after, 1),
            "message_bytes": round(sum(len(raw) for _, raw in messages) / len(messages)),
            "worker_processes": CONCURRENCY,
        }
    }
