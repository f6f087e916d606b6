"""Real services for tests: an SMTP sink on loopback, a Celery worker process and a Redis server
of a test's own."""

import asyncio
import email
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

from support.processes import celery_worker_command, free_port, process_group_stop

PROJECT_DIR = Path(__file__).resolve().parent.parent


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
        # Fault tests change how the server answers: every message ("451 ..."), or one recipient ("550 ...").
        self.answer_data: str | None = None
        self.refuse_recipients: dict[str, str] = {}
        self.refused: list[str] = []
        self.accept_delay = 0.0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse_recipients:
            with self.lock:
                self.refused.append(address)
            return self.refuse_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.answer_data:
            with self.lock:
                self.refused.append(", ".join(envelope.rcpt_tos))
            return self.answer_data
        message = email.message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        # The client's address and port: one per SMTP connection, so tests can count connections.
        message["X-Smtp-Peer"] = f"{session.peer}"
        with self.lock:
            self.messages.append(message)
        if self.accept_delay:
            # Kept before the answer, as a real server queues a message before it says 250: a
            # client that dies meanwhile never hears it was accepted, and will send it again.
            await asyncio.sleep(self.accept_delay)
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

    def reset(self) -> None:
        """Forget every message and accept everything again (a sink shared by several tests)."""
        with self._collector.lock:
            self._collector.messages.clear()
            self._collector.refused.clear()
            self._collector.refuse_recipients.clear()
            self._collector.answer_data = None
            self._collector.accept_delay = 0.0

    def answer_every_message(self, answer: str | None) -> None:
        """Answer DATA with `answer` (such as "451 4.3.0 Try again later"), or accept again with None."""
        self._collector.answer_data = answer

    def refuse_recipient(self, address: str, answer: str) -> None:
        self._collector.refuse_recipients[address] = answer

    def delay_acceptance(self, seconds: float) -> None:
        self._collector.accept_delay = seconds

    @property
    def refused(self) -> list[str]:
        """Each refusal: the recipients of a message answered with an error."""
        with self._collector.lock:
            return list(self._collector.refused)

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


# What a person would see as a mistake in an email we send: wording left unfilled.
UNFILLED = re.compile(r"\{\{|\{%|%\(\w+\)s|\{[a-z_]+\}")
# Words that keep their capital inside a sentence-case subject.
PROPER_WORDS = {"i-HOP", "CPD", "SCORM", "Outlook", "Google", "Apple"}


def subject_is_sentence_case(wording: str) -> bool:
    """Our wording of a subject (placeholders already taken out): the first word capitalised,
    the rest not, names we know aside."""
    words = re.findall(r"[A-Za-z][\w'-]*", wording)
    return bool(words) and wording.lstrip()[0].isupper() and all(w[0].islower() or w in PROPER_WORDS for w in words[1:])


def email_problems(message: Message) -> list[str]:
    """What is wrong with a received email as its reader would meet it: an HTML part and a
    plain-text alternative, in English, with every placeholder filled and a sentence-case subject."""
    subject = str(message["Subject"] or "")
    problems = []
    alternatives = [part for part in message.walk() if part.get_content_type() == "multipart/alternative"]
    kinds = {part.get_content_type() for part in alternatives[0].get_payload()} if alternatives else set()
    if kinds != {"text/plain", "text/html"}:
        problems.append(f"{subject!r} is not HTML with a plain-text alternative ({message.get_content_type()})")
        return problems
    for part in alternatives[0].get_payload():
        body = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        if UNFILLED.search(body):
            problems.append(f"{subject!r} has unfilled wording in its {part.get_content_type()}")
        if part.get_content_type() == "text/html" and not re.search(r'<html[^>]*\slang="en-gb"', body, re.IGNORECASE):
            problems.append(f"{subject!r} does not say its language")
    # Whether our own wording is in sentence case is checked on the templates
    # (tests/outbox/test_html_email.py); a course's title in it is its author's.
    if not subject[:1].isupper() or subject.startswith("[") or UNFILLED.search(subject):
        problems.append(f"{subject!r} does not read as a subject")
    return problems


def process_group_kill(process: subprocess.Popen[bytes] | None) -> None:
    """SIGKILL a process started in a session of its own, and all its children, as a crash would."""
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


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
            celery_worker_command(concurrency=self.concurrency),
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
        process_group_kill(self.process)

    def stop(self) -> None:
        if self.process:
            process_group_stop(self.process)

    def purge_queue(self) -> None:
        from elearning.celery import app

        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge("celery")


class RedisServer:
    """A `redis-server` of the test's own on a free loopback port, keeping nothing on disk: a broker
    the test can kill (as a crash would, taking every message it held with it) and start again,
    empty, on the same port. Stopped (and its process group with it) by `stop`."""

    def __init__(self, work_dir: Path) -> None:
        self.executable = shutil.which("redis-server")
        self.port = free_port()
        self.work_dir = work_dir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> None:
        if self.executable is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        log = (self.work_dir / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.work_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not broker_reachable(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not listen on {self.port}; see {self.work_dir / 'redis.log'}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL it: every queued and unacknowledged message is gone, and the port refuses."""
        process_group_kill(self.process)

    def stop(self) -> None:
        if self.process:
            process_group_stop(self.process, grace=5)
