"""`make run`: bring the database up to date, start web, worker and beat, and stop them all on Ctrl-C.

Runs with the venv's Python and imports nothing from Django: every Django
start-up costs seconds, so this process does none. Migrations and the demo
seed run only when their inputs changed since the last run (stamps under the
run directory). The web server and a Celery worker with beat inside it each
run in a session of their own, so the terminal's Ctrl-C reaches only this
supervisor, which stops them in order: one SIGTERM each (the worker's warm
shutdown: it finishes the task in hand), SIGQUIT to a worker still busy after a
few seconds (cold shutdown: unfinished tasks go back to the broker; late
acknowledgement and the outbox keep what a kill would lose), and SIGKILL to
whatever is left after seven seconds, so all is gone within ten.

Environment: HOST (default 127.0.0.1) and PORT (default 8000) for the web
server, RUN_DIR (default .run) for the run's state; everything else as in the
README.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, NoReturn

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
# What a change to makes the database or the demo stale. Third-party migrations
# come with the locked packages, so the lock file counts as a migration input.
SKIPPED_DIRS = {".git", ".venv", "node_modules", ".run", "media", "staticfiles", "__pycache__", ".mypy_cache"}
READY_TIMEOUT_SECONDS = 180
# Stopping: SIGTERM at once, SIGQUIT to a worker still finishing tasks, then SIGKILL.
# SIGKILL leaves a busy machine a second or two to tear the processes down.
WORKER_COLD_AFTER_SECONDS = 4.0
KILL_AFTER_SECONDS = 7.0


def say(text: str = "") -> None:
    """Print to the terminal; a closed terminal (SIGHUP) must not stop the shutdown."""
    with suppress(OSError):
        print(text, flush=True)


@dataclass
class Settings:
    host: str
    port: int
    run_dir: Path
    env: dict[str, str]

    @property
    def local_url(self) -> str:
        """Where this process polls the server (loopback when it listens on every interface)."""
        host = "127.0.0.1" if self.host in {"0.0.0.0", "::", ""} else self.host  # noqa: S104 - a comparison
        return f"http://{_url_host(host)}:{self.port}"

    @property
    def site_host(self) -> str:
        return urllib.parse.urlsplit(self.env["SITE_URL"]).netloc

    @property
    def uses_embedded_database(self) -> bool:
        return "DATABASE_URL" not in self.env

    @property
    def sqlite_path(self) -> Path:
        return self.run_dir / "db.sqlite3"


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_settings() -> Settings:
    host = os.environ.get("HOST", "127.0.0.1")
    port_text = os.environ.get("PORT", "8000")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SystemExit(f"run: PORT={port_text} is not a port number (1-65535).")
    port = int(port_text)
    run_dir = Path(os.environ.get("RUN_DIR", ROOT / ".run")).resolve()
    env = dict(os.environ)
    env["RUN_DIR"] = str(run_dir)
    env["PYTHONUNBUFFERED"] = "1"
    # The platform on localhost and SCORM content on 127.0.0.1 (a second origin
    # on the same server) follow the port unless set (README, docs/scorm.md).
    env.setdefault("SITE_URL", f"http://localhost:{port}")
    env.setdefault("SCORM_CONTENT_ORIGIN", f"http://127.0.0.1:{port}")
    return Settings(host=host, port=port, run_dir=run_dir, env=env)


# --- Stamps: run migrate and the seed only when something they depend on changed ---

SEED_FRESH_SECONDS = 3600


def _tracked_files() -> Iterator[Path]:
    for directory, subdirs, files in os.walk(ROOT):
        subdirs[:] = sorted(name for name in subdirs if name not in SKIPPED_DIRS and not name.startswith("."))
        for name in sorted(files):
            yield Path(directory, name)


def _digest(paths: list[Path], *extra: str) -> str:
    digest = hashlib.sha256()
    for text in extra:
        digest.update(text.encode() + b"\0")
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def migration_inputs(files: list[Path]) -> list[Path]:
    """What decides the schema: every migration, and the lock file that fixes the third-party ones."""
    migrations = [path for path in files if "/migrations/" in str(path.relative_to(ROOT)) and path.suffix == ".py"]
    return [*migrations, ROOT / "requirements" / "base.txt"]


def schema_key(files: list[Path] | None = None) -> str:
    """Changes whenever `migrate` on an empty database would make something else."""
    return _digest(migration_inputs(list(_tracked_files()) if files is None else files))


def stamp_keys(settings: Settings) -> tuple[str, str, str]:
    """(schema key, migrate key, seed key). Each changes when what it depends on changes."""
    files = list(_tracked_files())
    schema = schema_key(files)
    target = settings.env.get("DATABASE_URL", str(settings.sqlite_path))
    settings_module = settings.env.get("DJANGO_SETTINGS_MODULE", "elearning.settings.dev")
    migrate_key = _digest([], schema, target, settings_module)
    # The seed reads the demo modules (any file with "demo" in its path) and
    # what migrations made.
    demo_files = [path for path in files if "demo" in str(path.relative_to(ROOT))]
    seed_key = _digest(demo_files, migrate_key)
    return schema, migrate_key, seed_key


# --- A fresh embedded database from the migrations' snapshot ---

# `migrate` on an empty database renders every model state for each of some
# 220 migrations (Wagtail's 180 among them): about 35 s of one core, for a
# result that is the same every time. `make database-snapshot` writes that
# result as SQL once (scripts/database_snapshot.py); a fresh SQLite database is
# loaded from it in a fraction of a second when its key matches the migrations
# here, and migrated the long way when it does not. tests/test_run_script.py
# checks that the committed snapshot is current and equals what migrate makes.
SNAPSHOT_PATH = ROOT / "scripts" / "migrated-database.sql"
SNAPSHOT_KEY_LINE = "-- schema key: "


def snapshot_is_current(key: str) -> bool:
    if not SNAPSHOT_PATH.is_file():
        return False
    with SNAPSHOT_PATH.open(encoding="utf-8") as snapshot:
        return snapshot.readline().strip() == SNAPSHOT_KEY_LINE + key


def load_snapshot(database: Path) -> None:
    """Create the SQLite database from the snapshot; a crash part-way leaves no database behind."""
    loading = database.with_name(database.name + ".loading")
    loading.unlink(missing_ok=True)
    connection = sqlite3.connect(loading)
    try:
        connection.executescript(SNAPSHOT_PATH.read_text(encoding="utf-8"))
    finally:
        connection.close()
    loading.replace(database)


@dataclass
class Stamp:
    path: Path

    def matches(self, key: str) -> bool:
        return self.path.is_file() and self.path.read_text().strip() == key

    def younger_than(self, seconds: float) -> bool:
        return self.path.is_file() and time.time() - self.path.stat().st_mtime < seconds

    def write(self, key: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(key + "\n")


# --- The processes ---


@dataclass
class Service:
    name: str
    args: list[str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    log: IO[bytes] | None = field(default=None, repr=False)

    def start(self, settings: Settings) -> None:
        self.log = self.log_path.open("wb")
        # A session of its own: the terminal's Ctrl-C and hang-up reach only the
        # supervisor, which signals each service exactly as it should be.
        self.process = subprocess.Popen(
            self.args,
            cwd=ROOT,
            env=settings.env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def send(self, signum: int, *, group: bool = False) -> None:
        if not self.running:
            return
        assert self.process is not None
        try:
            if group:
                os.killpg(self.process.pid, signum)
            else:
                self.process.send_signal(signum)
        except ProcessLookupError:
            pass

    def kill_group(self) -> None:
        """SIGKILL whatever is left in its process group (a pool child, the reloader's server)."""
        if self.process is not None:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)

    def group_empty(self) -> bool:
        if self.process is None:
            return True
        self.process.poll()  # reaps our own child, which a zombie would keep in the group
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return True
        return False

    def tail(self, lines: int = 25) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.rstrip().splitlines()[-lines:])


def services(settings: Settings) -> dict[str, Service]:
    python = str(VENV_BIN / "python")
    address = f"{_url_host(settings.host)}:{settings.port}"
    return {
        "web": Service("web", [python, "scripts/dev_server.py", address], settings.run_dir / "web.log"),
        # Beat runs inside the worker (-B, which Celery offers for development):
        # a forked process, so one Django start-up less than a beat of its own.
        "worker": Service(
            "worker",
            [
                *(python, "-m", "celery", "-A", "elearning", "worker", "--beat"),
                *("--loglevel=INFO", "--concurrency=2", "--without-gossip", "--without-mingle", "--without-heartbeat"),
            ],
            settings.run_dir / "worker.log",
        ),
    }


class Stopping(Exception):
    """Ctrl-C (or SIGTERM, SIGHUP) arrived."""


class StopSignals:
    """Turns Ctrl-C, SIGTERM and SIGHUP into Stopping, except while a service is
    being started: a process started but not yet recorded would be left behind."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def __init__(self) -> None:
        self.holding = False
        self.pending = False
        for signum in self.SIGNALS:
            signal.signal(signum, self._handle)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.holding:
            self.pending = True
            return
        raise Stopping

    @contextmanager
    def held(self) -> Iterator[None]:
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending:
            raise Stopping

    def ignore(self) -> None:
        """While stopping, a second Ctrl-C must not cut the stop short and leave processes behind."""
        for signum in self.SIGNALS:
            signal.signal(signum, signal.SIG_IGN)


def stop_all(running: list[Service]) -> float:
    """Stop every service, by force after KILL_AFTER_SECONDS; returns the seconds it took."""
    started = time.monotonic()
    for service in running:
        # The web server's group holds the reloader and the server it restarts;
        # the worker's main process alone decides what its pool children do.
        service.send(signal.SIGTERM, group=service.name == "web")
    cold_sent = False
    while any(service.running for service in running):
        elapsed = time.monotonic() - started
        if elapsed >= KILL_AFTER_SECONDS:
            break
        if not cold_sent and elapsed >= WORKER_COLD_AFTER_SECONDS:
            for service in running:
                if service.name == "worker":
                    service.send(signal.SIGQUIT)
            cold_sent = True
        time.sleep(0.05)
    for service in running:
        service.kill_group()
    # Killed processes that are not our children (the reloader's server, pool
    # processes) go on their own time: wait for them, briefly.
    deadline = time.monotonic() + 0.5
    while not all(service.group_empty() for service in running) and time.monotonic() < deadline:
        time.sleep(0.02)
    return time.monotonic() - started


def run_step(what: str, args: list[str], settings: Settings) -> tuple[float, str]:
    """Run a manage.py step quietly: (seconds, its standard output). On failure print everything and stop."""
    started = time.monotonic()
    result = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=settings.env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        say(f"run: {what} failed (exit {result.returncode}):")
        say(result.stdout.rstrip())
        say(result.stderr.rstrip())
        raise SystemExit(1)
    return time.monotonic() - started, result.stdout


def check_port_free(settings: Settings) -> None:
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.host, settings.port))
        except OSError as error:
            raise SystemExit(
                f"run: cannot listen on {settings.host}:{settings.port} ({error.strerror}). "
                f"Is another `make run` running? Choose another port: make run PORT={settings.port + 1}"
            ) from None


def wait_until_ready(settings: Settings, web: Service, others: list[Service]) -> None:
    """Poll / until it answers 200; a service that exits meanwhile stops the run with its log."""
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        for service in [web, *others]:
            if not service.running:
                assert service.process is not None
                fail(f"the {service.name} stopped (exit {service.process.returncode}) while starting", service)
        # As a browser asks for the platform: on 127.0.0.1 without this Host
        # header, the same server answers as the SCORM content origin.
        request = urllib.request.Request(settings.local_url + "/", headers={"Host": settings.site_host})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    fail(f"the web server did not answer {settings.local_url}/ within {READY_TIMEOUT_SECONDS} s", web)


def fail(message: str, service: Service) -> NoReturn:
    say(f"run: {message}. The end of {service.log_path}:")
    say(service.tail())
    raise SystemExit(1)


def describe_backends(settings: Settings) -> list[str]:
    env = settings.env
    run_dir = os.path.relpath(settings.run_dir, Path.cwd())
    database = (
        f"SQLite ({run_dir}/db.sqlite3)" if settings.uses_embedded_database else _scheme_and_host(env["DATABASE_URL"])
    )
    broker_url = env.get("CELERY_BROKER_URL", "")
    broker = (
        f"kombu's filesystem transport ({run_dir}/broker/)"
        if not broker_url or broker_url.startswith("filesystem")
        else _scheme_and_host(broker_url)
    )
    return [
        f"Database: {database}; broker: {broker}.",
        f"Sent email: {run_dir}/mail/. Logs: {run_dir}/web.log and worker.log (with beat's).",
    ]


def _scheme_and_host(url: str) -> str:
    """A service address without its password."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


def banner(settings: Settings, sign_ins: str, ready_seconds: float) -> str:
    site = settings.env["SITE_URL"].rstrip("/")
    lines = [
        "",
        f"  i-HOP learning is running at  {site}/",
        f"  Authoring (Wagtail CMS):      {site}/cms/",
        f"  Health:                       {site}/healthz",
        "",
        *(f"  {line}" for line in describe_backends(settings)),
    ]
    if not is_loopback(settings.host):
        lines += [
            "",
            f"  WARNING: listening on {settings.host}, not only this machine: anyone who can reach it",
            "  sees debug pages and can sign in with the published demo passwords.",
            "  Other machines also need their address in ALLOWED_HOSTS.",
        ]
    lines += ["", *(f"  {line}" for line in sign_ins.rstrip().splitlines())]
    lines += ["", f"  Ready in {ready_seconds:.0f} s. Press Ctrl-C to stop web, worker and beat.", ""]
    return "\n".join(lines)


def main() -> int:
    started = time.monotonic()
    settings = read_settings()
    for folder in ("", "mail", "stamps"):
        (settings.run_dir / folder).mkdir(parents=True, exist_ok=True)
    check_port_free(settings)

    stop_signals = StopSignals()
    procs = services(settings)
    running: list[Service] = []

    def start(name: str) -> None:
        with stop_signals.held():
            procs[name].start(settings)
            running.append(procs[name])

    schema, migrate_key, seed_key = stamp_keys(settings)
    migrate_stamp = Stamp(settings.run_dir / "stamps" / "migrate")
    seed_stamp = Stamp(settings.run_dir / "stamps" / "seed")
    sign_ins_path = settings.run_dir / "stamps" / "seed.out"
    database_missing = settings.uses_embedded_database and not settings.sqlite_path.exists()
    try:
        if database_missing and snapshot_is_current(schema):
            loading_started = time.monotonic()
            load_snapshot(settings.sqlite_path)
            migrate_stamp.write(migrate_key)
            say(f"Database: created from the migrations' snapshot in {time.monotonic() - loading_started:.1f} s.")
        elif database_missing or not migrate_stamp.matches(migrate_key):
            seconds, _ = run_step("migrate", ["migrate", "--noinput", "--skip-checks"], settings)
            migrate_stamp.write(migrate_key)
            say(f"Database: migrated in {seconds:.0f} s.")
        else:
            say("Database: up to date.")
        # The web server starts up while the seed runs (it reads the database
        # only once asked). The worker waits for both: beat sends tasks as soon
        # as it starts, and on SQLite their writes would queue behind (or time
        # out against) migrate's and the seed's; what the seed queues waits in
        # the broker meanwhile.
        start("web")
        # The demo's "starts soon" workshop is ten minutes after seeding; the seed
        # runs again (idempotently) once that is an hour old, so it stays current.
        seed_current = seed_stamp.matches(seed_key) and seed_stamp.younger_than(SEED_FRESH_SECONDS)
        if database_missing or not seed_current or not sign_ins_path.is_file():
            seconds, output = run_step("loading the demo content", ["seed_demo", "--skip-checks"], settings)
            sign_ins_path.write_text(output)
            seed_stamp.write(seed_key)
            say(f"Demo content: loaded in {seconds:.0f} s.")
        start("worker")
        say("Starting web, worker and beat ...")
        wait_until_ready(settings, procs["web"], [procs["worker"]])
        say(banner(settings, sign_ins_path.read_text(), time.monotonic() - started))
        while True:
            for service in running:
                if not service.running:
                    assert service.process is not None
                    say(f"run: the {service.name} stopped (exit {service.process.returncode}); stopping the others.")
                    say(service.tail())
                    stop_all(running)
                    return 1
            time.sleep(0.5)
    except Stopping:
        stop_signals.ignore()
        say("\nStopping web, worker and beat ...")
        seconds = stop_all(running)
        say(f"Stopped in {seconds:.1f} s.")
        return 0
    except BaseException:
        stop_all(running)
        raise


if __name__ == "__main__":
    sys.exit(main())
