"""A live server that accepts a burst of connections at once."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


class _BurstServer(ThreadedWSGIServer):
    # Django's test server queues 10 connections; a burst of 50 at one instant
    # would be refused by the kernel before our code saw it (gunicorn queues 2048).
    request_queue_size = 256


class _BurstServerThread(LiveServerThread):
    server_class = _BurstServer


@dataclass(frozen=True)
class BurstServer:
    url: str


@pytest.fixture
def burst_server(transactional_db: None) -> Iterator[BurstServer]:
    """A threaded HTTP server on loopback, one thread per request, each with its own database connection."""
    thread = _BurstServerThread("127.0.0.1", static_handler=StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield BurstServer(url=f"http://127.0.0.1:{thread.port}")
    finally:
        thread.terminate()
