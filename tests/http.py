"""Real HTTP from tests: signed-in sessions and requests released at one instant."""

import threading
from collections.abc import Callable

import requests
from django.conf import settings
from django.test import Client

# A fixed CSRF secret: the cookie and the form field carry the same one.
CSRF = "c" * 32


def signed_in_session(member: object) -> requests.Session:
    """A `requests` session carrying the member's session cookie and the CSRF cookie."""
    client = Client()
    client.force_login(member)  # type: ignore[arg-type]
    session = requests.Session()
    session.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
    session.cookies.set(settings.CSRF_COOKIE_NAME, CSRF)
    return session


def all_at_once(calls: list[Callable[[], int]]) -> list[int]:
    """Run the calls in parallel threads released together; their HTTP status codes."""
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = [0] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        statuses[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses
