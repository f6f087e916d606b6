"""A live server that accepts a burst of connections at once (as tests/workshops does)."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from tests.base_data import base_data_ensure  # noqa: F401  (re-exported for this app's tests)


class _BurstServer(ThreadedWSGIServer):
    # Django's test server queues 10 connections; twenty at one instant need more.
    request_queue_size = 128


class _BurstServerThread(LiveServerThread):
    server_class = _BurstServer


@dataclass(frozen=True)
class BurstServer:
    url: str


@pytest.fixture
def quiz_server(transactional_db: None) -> Iterator[BurstServer]:
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
