"""Workshops: a burst of bookings through gunicorn, and reminders through a real worker.

`workshops_booking_burst`: 500 signed-in members (BENCH_WORKSHOPS_BURST) post
"book" for one workshop with 40 places, all released at the same instant,
against gunicorn and PostgreSQL. The counts are checked exactly (40
confirmed, 460 waitlisted, nobody twice, every answer a redirect). Value:
bookings per second from release to the last answer. Floor: the same burst
of requests, with the same cookies, to the floor view. Ratio = value / floor.

`workshops_reminders_by_worker`: 10,000 due reminders (BENCH_WORKSHOPS_REMINDERS)
sent by `workshops.reminders_queue_due` on a real `celery worker` process (two
pool processes, two tasks sharing the rows through SKIP LOCKED) to an SMTP
sink on loopback, timed from dispatch until every row is marked sent. The
sink must have received exactly that many. Floor: a plain loop in this
process sending the same number of messages of the same size over one SMTP
connection to the same sink (no database, no broker, no templates).
"""

import http.client
import os
import smtplib
import subprocess
import threading
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from support.processes import celery_worker_command, free_port, process_group_stop

BURST = int(os.environ.get("BENCH_WORKSHOPS_BURST", "500"))
PLACES = 40
REMINDERS = int(os.environ.get("BENCH_WORKSHOPS_REMINDERS", "10000"))
CONCURRENCY = 2
BROKER_URL = os.environ.get("BENCH_WORKSHOPS_BROKER_URL", "redis://127.0.0.1:6379/13")
ROOT = Path(__file__).resolve().parent.parent
CSRF = "b" * 32


# --- An SMTP sink that counts ----------------------------------------------


class _Counter:
    def __init__(self) -> None:
        self.count = 0
        self.recipients: dict[str, int] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
            for address in envelope.rcpt_tos:
                self.recipients[address] = self.recipients.get(address, 0) + 1
        return "250 OK"


# --- Booking burst ----------------------------------------------------------


def _burst(base_url: str, path: str, method: str, cookies: list[str]) -> tuple[float, list[int]]:
    """All requests released together, each on its own connection; (seconds, statuses)."""
    parts = urlsplit(base_url)
    barrier = threading.Barrier(len(cookies) + 1)
    statuses = [0] * len(cookies)
    body = f"csrfmiddlewaretoken={CSRF}" if method == "POST" else None

    def one(index: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=120)
        headers = {"Cookie": cookies[index], "Host": parts.netloc}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        barrier.wait()
        try:
            connection.request(method, path, body=body, headers=headers)
            statuses[index] = connection.getresponse().status
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(index,)) for index in range(len(cookies))]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, statuses


def _bench_workshop(title: str, capacity: int) -> Any:
    from django.utils import timezone

    from courses.models import CoursePage
    from workshops.models import Session, Workshop

    now = timezone.now()
    start = now + timedelta(days=30)
    workshop = Workshop.objects.create(
        course=CoursePage.objects.live().order_by("pk").first(),
        title=title,
        summary="Bench workshop.",
        region="london",
        venue_name="Bench Hall",
        venue_postcode="E1 1AA",
        capacity=capacity,
        booking_opens_at=now - timedelta(days=1),
        booking_closes_at=start - timedelta(days=1),
        cancellation_deadline=start - timedelta(days=2),
        cpd_hours=Decimal("3.0"),
        state=Workshop.State.PUBLISHED,
    )
    Session.objects.create(workshop=workshop, starts_at=start, ends_at=start + timedelta(hours=3))
    return workshop


def _members(prefix: str, count: int) -> list[Any]:
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    password = make_password(None)
    User.objects.bulk_create(
        [User(email=f"{prefix}-{n}@example.org", full_name=f"Bench {n}", password=password) for n in range(count)],
        ignore_conflicts=True,
    )
    return list(User.objects.filter(email__startswith=f"{prefix}-").order_by("pk")[:count])


def booking_burst(harness: Any) -> dict[str, object]:
    from django.conf import settings
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.db.models import Count

    from elearning.celery import app
    from workshops.models import Booking

    workshop = _bench_workshop(f"Bench burst {time.time():.0f}", PLACES)
    members = _members("bench-burst", BURST)
    cookies = []
    for member in members:  # real sessions, as a browser's
        store = SessionStore()
        store["_auth_user_id"] = str(member.pk)
        store["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
        store["_auth_user_hash"] = member.get_session_auth_hash()
        store.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF}")
    harness.require_ok("floor", harness.base_url + "/bench/floor", {"Cookie": cookies[0]})
    path = f"/workshops/{workshop.pk}/book/"

    # Warm every gunicorn worker on the floor first, then the floor burst, the bookings, the floor again.
    _burst(harness.base_url, "/bench/floor", "GET", cookies[:64])
    floor_before, floor_statuses = _burst(harness.base_url, "/bench/floor", "GET", cookies)
    elapsed, statuses = _burst(harness.base_url, path, "POST", cookies)
    floor_after, _ = _burst(harness.base_url, "/bench/floor", "GET", cookies)

    if set(floor_statuses) != {200}:
        raise RuntimeError(f"the floor burst answered {sorted(set(floor_statuses))}")
    if set(statuses) != {302}:
        raise RuntimeError(f"booking answers were {sorted(set(statuses))}, expected only 302 redirects")
    counts = dict(
        Booking.objects.filter(workshop=workshop)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    twice = Booking.objects.filter(workshop=workshop).values("member").annotate(n=Count("pk")).filter(n__gt=1).count()
    if counts != {"confirmed": PLACES, "waitlisted": BURST - PLACES} or twice:
        raise RuntimeError(f"wrong counts after the burst: {counts}, {twice} members booked twice")
    # The confirmation emails went to the bench broker's queue; nothing consumes it.
    harness.celery_broker_use(settings.CELERY_BROKER_URL)
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge("celery")  # type: ignore[attr-defined]  # kombu channels have it; the stubs do not say

    rate = BURST / elapsed
    floor = BURST / ((floor_before + floor_after) / 2)
    return {
        "value": round(rate, 1),
        "floor": round(floor, 1),
        "ratio": round(rate / floor, 3),
        "unit": "bookings/s",
        "higher_is_better": True,
        "requests": BURST,
        "places": PLACES,
        "confirmed": counts["confirmed"],
        "waitlisted": counts["waitlisted"],
        "seconds": round(elapsed, 2),
    }


# --- Reminders through a worker --------------------------------------------


# The bench settings keep email in memory; the worker's copy points it at the sink before Django reads them.
_WORKER_BOOT = """
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


def _reminder_rows() -> list[int]:
    from django.utils import timezone

    from workshops.models import Booking, Reminder

    members = _members("bench-reminder", 100)
    workshops = [_bench_workshop(f"Bench reminders {n}", 200) for n in range((REMINDERS + 99) // 100)]
    now = timezone.now()
    bookings = Booking.objects.bulk_create(
        [
            Booking(member=member, workshop=workshop, status=Booking.Status.CONFIRMED, confirmed_at=now)
            for workshop in workshops
            for member in members
        ][:REMINDERS]
    )
    Reminder.objects.bulk_create(
        [Reminder(booking=booking, hours_before=24, due_at=now - timedelta(minutes=1)) for booking in bookings]
    )
    return [booking.pk for booking in bookings]


def _sample_message() -> bytes:
    """A message the size of a reminder, built once: the floor sends it as it is."""
    from django.core.mail import EmailMessage

    body = ("A reminder that your workshop is coming up and you have a place.\n" * 10)[:700]
    message = EmailMessage("Reminder: Bench workshop starts tomorrow", body, to=["floor@example.org"])
    return message.message().as_bytes()


def reminders_by_worker(harness: Any) -> dict[str, object]:
    from aiosmtpd.controller import Controller

    from elearning.celery import app
    from workshops.models import Reminder
    from workshops.tasks import reminders_queue_due_task

    harness.progress(f"workshops: {REMINDERS} reminder rows")
    booking_ids = _reminder_rows()
    counter = _Counter()
    port = free_port()
    sink = Controller(counter, hostname="127.0.0.1", port=port)
    sink.start()
    worker = None
    try:
        harness.progress(f"workshops: floor, {REMINDERS} messages over one SMTP connection")
        raw = _sample_message()
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as client:
            for _ in range(REMINDERS):
                client.sendmail("learning@i-hop.example", ["floor@example.org"], raw)
        floor = REMINDERS / (time.perf_counter() - started)
        if counter.count != REMINDERS:
            raise RuntimeError(f"the sink received {counter.count} of the floor's {REMINDERS} messages")
        counter.count = 0

        harness.celery_broker_use(BROKER_URL)
        app.conf.task_always_eager = False
        env = harness.celery_worker_env(BROKER_URL)
        log_path = harness.work_dir / "workshops-worker.log"
        command = celery_worker_command(
            concurrency=CONCURRENCY, loglevel="WARNING", broker_url=BROKER_URL, prefix=("-c", _WORKER_BOOT, str(port))
        )
        worker = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_path.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
        )
        harness.celery_worker_wait(worker, log_path, "workshops")
        harness.progress(f"workshops: {REMINDERS} reminders through a worker with {CONCURRENCY} processes")
        pending = Reminder.objects.filter(booking_id__in=booking_ids, sent_at__isnull=True)
        started = time.perf_counter()
        for _ in range(CONCURRENCY):
            reminders_queue_due_task.delay()
        timeout = time.monotonic() + max(600, REMINDERS / 10)
        while pending.exists():
            if worker.poll() is not None or time.monotonic() > timeout:
                raise RuntimeError(f"the workshops worker stopped or stalled; see {log_path}")
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        time.sleep(0.5)
        if counter.count != REMINDERS:
            raise RuntimeError(f"the sink received {counter.count} reminders for {REMINDERS} rows")
    finally:
        if worker is not None:
            process_group_stop(worker, grace=60)
        sink.stop()

    rate = REMINDERS / elapsed
    return {
        "value": round(rate, 1),
        "floor": round(floor, 1),
        "ratio": round(rate / floor, 3),
        "unit": "emails/s",
        "higher_is_better": True,
        "count": REMINDERS,
        "seconds": round(elapsed, 1),
        "worker_processes": CONCURRENCY,
    }


def run(harness: Any) -> dict[str, dict[str, object]]:
    harness.progress(f"workshops: a burst of {BURST} bookings for {PLACES} places")
    return {
        "workshops_booking_burst": booking_burst(harness),
        "workshops_reminders_by_worker": reminders_by_worker(harness),
    }
