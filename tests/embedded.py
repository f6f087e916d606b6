"""`make run`'s embedded defaults, for tests: the dev settings with a SQLite
file, kombu's filesystem broker, the file cache and the mail folder, all in a
folder of the test's own (RUN_DIR), and the web server, a two-process worker
and beat as separate processes sharing them, as scripts/run-dev.sh starts them.

The test database of pytest cannot be used here (an in-memory SQLite database
is private to one process), so a migrated database is made once per session
and copied for each site.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import requests

from tests.services import PROJECT_DIR, free_port


def embedded_env(run_dir: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        # Whatever points the suite at real services must not reach the embedded run.
        if name not in {"DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL", "CACHE_URL", "CELERY_TASK_ALWAYS_EAGER"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "elearning.settings.dev", "RUN_DIR": str(run_dir), "PYTHONUNBUFFERED": "1"})
    return env


def migrated_database(folder: Path) -> Path:
    """A SQLite file with every migration applied (the slow part, done once)."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=PROJECT_DIR,
        env=embedded_env(folder),
        check=True,
        timeout=900,
    )
    database = folder / "db.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file, to copy it
    return database


class EmbeddedSite:
    def __init__(self, run_dir: Path, template_database: Path) -> None:
        self.run_dir = run_dir
        run_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(template_database, run_dir / "db.sqlite3")
        self.env = embedded_env(run_dir)
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.env["SITE_URL"] = self.url
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def manage(self, *args: str, timeout: float = 300) -> str:
        """Run a management command or `python -m tests.embedded_setup ...` on this site; its output."""
        command = [sys.executable, *args] if args[0] == "-m" else [sys.executable, "manage.py", *args]
        done = subprocess.run(command, cwd=PROJECT_DIR, env=self.env, capture_output=True, timeout=timeout)
        if done.returncode:
            raise RuntimeError(f"{args} failed:\n{done.stdout.decode()}\n{done.stderr.decode()}")
        return done.stdout.decode()

    def setup(self, command: str, **arguments: Any) -> Any:
        return json.loads(self.manage("-m", "tests.embedded_setup", command, json.dumps(arguments)))

    def log(self, name: str) -> str:
        path = self.run_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _start(self, name: str, command: list[str]) -> None:
        log = (self.run_dir / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start(self, *, web: str = "runserver", timeout: float = 120) -> None:
        """Start web, a two-process worker and beat. `web="gunicorn"` serves with two
        gunicorn processes of eight threads and a deep accept queue instead of
        runserver, which queues only 10 connections and resets the rest of a burst."""
        celery = [sys.executable, "-m", "celery", "-A", "elearning"]
        worker = ["worker", "--loglevel=INFO", "--concurrency=2", "--without-gossip", "--without-mingle"]
        self._start("worker", [*celery, *worker])
        self._start("beat", [*celery, "beat", "--loglevel=INFO"])
        if web == "gunicorn":
            server = ["-m", "gunicorn", "elearning.wsgi", f"--bind=127.0.0.1:{self.port}", "--workers=2"]
            self._start("web", [sys.executable, *server, "--threads=8", "--backlog=2048", "--timeout=180"])
        else:
            self._start("web", [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"])
        deadline = time.monotonic() + timeout
        while True:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited at start:\n{self.log(name)[-3000:]}")
            try:
                up = requests.get(self.url + "/healthz", timeout=5).status_code == 200
            except requests.RequestException:  # not listening yet, or busy starting
                up = False
            if up and " ready." in self.log("worker"):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the embedded site did not start within {timeout}s:\n{self.log('worker')[-3000:]}")
            time.sleep(0.5)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def query(self, sql: str, *parameters: object) -> list[tuple[Any, ...]]:
        """Read the site's database directly (the test process's Django uses another)."""
        with sqlite3.connect(self.run_dir / "db.sqlite3", timeout=30) as connection:
            return connection.execute(sql, parameters).fetchall()

    def mail(self) -> list[Message]:
        """Every message in the mail folder (Django's file backend: one file per connection)."""
        messages = []
        for path in sorted((self.run_dir / "mail").glob("*.log")):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(message_from_bytes(chunk.strip()))
        return messages


def embedded_site(run_dir: Path, template_database: Path) -> Iterator[EmbeddedSite]:
    site = EmbeddedSite(run_dir, template_database)
    site.start()
    try:
        yield site
    finally:
        site.stop()
