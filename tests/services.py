"""Real services for tests: an SMTP sink on loopback and a Celery worker process."""

import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

PROJECT_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def broker_reachable(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"}:
        return False
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


class _Collector:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


class SmtpSink:
    """aiosmtpd on 127.0.0.1: every accepted message is kept for the test to read."""

    def __init__(self) -> None:
        self.port = free_port()
        self._collector = _Collector()
        self._controller = Controller(self._collector, hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    @property
    def messages(self) -> list[Message]:
        with self._collector.lock:
            return list(self._collector.messages)

    def messages_to(self, address: str) -> list[Message]:
        return [message for message in self.messages if address in message["X-Envelope-To"]]

    def wait_for(self, count: int, *, to: str | None = None, timeout: float = 20.0) -> list[Message]:
        """Wait until `count` messages (to `to`, if given) have arrived; return them."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.messages_to(to) if to else self.messages
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)


def message_text(message: Message) -> str:
    """The plain-text body of a message (the first text/plain part)."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("the message has no text/plain part")


class WorkerProcess:
    """`celery worker` as a separate OS process, as in production."""

    def __init__(self, *, broker_url: str, database_url: str, email_url: str, concurrency: int = 1) -> None:
        self.broker_url = broker_url
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_URL": email_url,
        }
        self.concurrency = concurrency
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = PROJECT_DIR / ".run" / f"test-worker-{os.getpid()}.log"

    def start(self, timeout: float = 30.0) -> None:
        from elearning.celery import app

        self.log_path.parent.mkdir(exist_ok=True)
        log = self.log_path.open("wb")  # one log per worker start, for the test that started it
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "elearning",
                "worker",
                "--loglevel=INFO",
                f"--concurrency={self.concurrency}",
                "--without-gossip",
                "--without-mingle",
                "--pool=prefork",
            ],
            cwd=PROJECT_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited at start; see {self.log_path}")
            if app.control.ping(timeout=0.5):
                return
        raise RuntimeError(f"the worker did not answer a ping within {timeout}s; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children), as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def purge_queue(self) -> None:
        from elearning.celery import app

        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge("celery")
