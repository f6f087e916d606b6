"""Requests the live server is still serving, so a browser test's teardown can wait for them.

Closing a browser context fires the SCORM player's pagehide handler, which sends what is left with
sendBeacon. That request can reach the live server while pytest-django flushes the database; its
transaction and the flush's TRUNCATE then wait on each other's locks, PostgreSQL aborts one, and
when it picks the flush the next test starts on a dirty database (seen once in CI: "Database
test_ihop_ci couldn't be flushed"). A late request could also write into the next test's data.
"""

import threading
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_lock = threading.Lock()
_in_flight = 0
_last_activity = 0.0


def _touch(change: int) -> None:
    global _in_flight, _last_activity
    with _lock:
        _in_flight += change
        _last_activity = time.monotonic()


class CountRequestsMiddleware:
    """Counts the requests being served (the live server runs in this process, in threads)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _touch(+1)
        try:
            return self.get_response(request)
        finally:
            _touch(-1)


def wait_until_quiet(settle: float = 0.2, timeout: float = 15.0) -> None:
    """Return once no request is being served and none has started or ended for `settle`
    seconds: long enough for a beacon sent as the browser closed to arrive and be served."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _lock:
            quiet_for = time.monotonic() - _last_activity
            if _in_flight == 0 and quiet_for >= settle:
                return
        time.sleep(0.02)
    raise AssertionError(f"the live server was still serving {_in_flight} request(s) {timeout:.0f} s after the test")
