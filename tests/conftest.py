"""Fixtures shared by the whole suite: real services, or a clear skip.

Tests marked `postgres`, `redis` or `browser` need the real thing. Without
it they skip with the reason; under CI (CI=true) a missing service fails
the test instead, so CI can never pass by skipping.
"""

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

from tests.base_data import snapshot_restore, snapshot_take
from tests.live_server_requests import wait_until_quiet
from tests.services import SmtpSink, WorkerProcess, broker_reachable, email_problems

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require(available: bool, reason: str) -> None:
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason}; CI must run this test, not skip it")
    pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    from django.conf import settings

    if item.get_closest_marker("postgres"):
        engine = settings.DATABASES["default"]["ENGINE"]
        require("postgresql" in engine, "needs PostgreSQL: set DATABASE_URL=postgres://...")
    if item.get_closest_marker("redis"):
        broker = settings.CELERY_BROKER_URL
        require(
            broker.startswith("redis") and broker_reachable(broker),
            "needs Redis as the broker: set CELERY_BROKER_URL=redis://...",
        )
    if item.get_closest_marker("browser"):
        require(os.path.exists(CHROMIUM), f"needs headless Chromium at {CHROMIUM} (apt-get install chromium)")
        require(
            shutil.which("node") is not None or os.path.isdir("node_modules/axe-core"),
            "needs axe-core from npm (npm ci)",
        )


_db_blocker = None


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}


def _uses_the_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DB_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session", autouse=True)
def migrated_data_snapshot(request: pytest.FixtureRequest, django_db_blocker: object) -> None:
    """What the migrations made, kept to be put back after transactional tests. Skipped when
    no collected test uses the database (pytest-django then sets none up), so a file of pure
    tests runs on its own."""
    if not any(_uses_the_database(item) for item in request.session.items):
        return
    request.getfixturevalue("django_db_setup")
    global _db_blocker
    _db_blocker = django_db_blocker
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        snapshot_take()


def _flushes_the_database(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in names or "live_server" in names or bool(marker and marker.kwargs.get("transaction"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield
    # After pytest-django's flush (and before the test database is destroyed
    # at the very end), put back what the migrations made.
    if nextitem is not None and _db_blocker is not None and _flushes_the_database(item):
        with _db_blocker.unblock():  # type: ignore[attr-defined]
            snapshot_restore()


@pytest.fixture(autouse=True)
def live_server_drained(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a live-server test (its browser contexts closed: this autouse fixture is torn down
    after the test's own fixtures and before pytest-django's flush), wait until the server has
    served every request the browser sent, such as the SCORM player's closing beacon."""
    yield
    if "live_server" in request.fixturenames:
        wait_until_quiet()


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: no rate-limit counts or cached
    menus from another test (the database is rolled back; the cache is not)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server on loopback that keeps every message it accepts."""
    sink = SmtpSink()
    sink.start()
    try:
        yield sink
    finally:
        sink.stop()
    # Every email a test sent, as its reader would meet it (journeys, worker, reminders alike).
    problems = [problem for message in sink.messages for problem in email_problems(message)]
    assert problems == [], "\n".join(problems)


@pytest.fixture
def smtp_settings(settings: pytest.FixtureRequest, smtp_sink: SmtpSink) -> SmtpSink:
    """Point this process's email at the sink (tasks run eagerly here)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST = "127.0.0.1"  # type: ignore[attr-defined]
    settings.EMAIL_PORT = smtp_sink.port  # type: ignore[attr-defined]
    settings.EMAIL_USE_TLS = False  # type: ignore[attr-defined]
    settings.EMAIL_HOST_USER = ""  # type: ignore[attr-defined]
    settings.EMAIL_HOST_PASSWORD = ""  # type: ignore[attr-defined]
    return smtp_sink


def database_url() -> str:
    """The URL of the database this test process uses (the test database)."""
    config = connection.settings_dict
    credentials = config["USER"] or ""
    if config.get("PASSWORD"):
        credentials += f":{config['PASSWORD']}"
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{config['NAME']}"


@contextlib.contextmanager
def worker_process(smtp_sink: SmtpSink, *, start: bool = True, concurrency: int = 1) -> Iterator[WorkerProcess]:
    """A real Celery worker process consuming from the real broker, using the
    test database and sending mail to the SMTP sink, with this process
    publishing to the same broker (eager mode off) meanwhile. `start=False`
    leaves starting it (and restarting it) to the test."""
    from django.conf import settings

    from elearning.celery import app

    require("postgresql" in settings.DATABASES["default"]["ENGINE"], "the worker process needs PostgreSQL")
    require(broker_reachable(settings.CELERY_BROKER_URL), "the worker process needs Redis")
    worker = WorkerProcess(
        broker_url=settings.CELERY_BROKER_URL,
        database_url=database_url(),
        email_url=f"smtp://127.0.0.1:{smtp_sink.port}",
        concurrency=concurrency,
    )
    worker.purge_queue()
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        # Inside the try: a worker that started but never answered the ping must still be
        # stopped, or it lives on and takes the next test's tasks to a database that is gone.
        if start:
            worker.start()
        yield worker
    finally:
        app.conf.task_always_eager = previous
        worker.stop()


@pytest.fixture
def celery_worker(transactional_db: None, smtp_sink: SmtpSink) -> Iterator[WorkerProcess]:
    """A started worker process (see worker_process)."""
    with worker_process(smtp_sink) as worker:
        yield worker


class _BurstServer(ThreadedWSGIServer):
    # Django's test server queues 10 connections; a burst of 50 at one instant
    # would be refused by the kernel before our code saw it (gunicorn queues 2048).
    request_queue_size = 256


class _BurstServerThread(LiveServerThread):
    server_class = _BurstServer


@pytest.fixture
def burst_server(transactional_db: None) -> Iterator[str]:
    """The base URL of a threaded HTTP server on loopback (one thread per request,
    each with its own database connection) that takes a burst of connections at once."""
    thread = _BurstServerThread("127.0.0.1", static_handler=StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()


@pytest.fixture(scope="session")
def embedded_template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file for the embedded-defaults tests (tests/embedded.py), made once per session."""
    from tests.embedded import migrated_database

    return migrated_database(tmp_path_factory.mktemp("embedded-template"))
