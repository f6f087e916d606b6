"""One SMTP connection for a run of messages (an e-news batch), instead of one per message.

`email_send` uses the connection opened here while the block runs; a send that fails closes it,
and the next send opens a fresh one, so one refused message does not spoil the rest.
"""

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any

from django.core.mail import get_connection

_shared: ContextVar[Any | None] = ContextVar("shared_mail_connection", default=None)


@contextmanager
def shared_mail_connection() -> Iterator[None]:
    connection = get_connection()
    token = _shared.set(connection)
    try:
        yield
    finally:
        _shared.reset(token)
        connection.close()


def current_mail_connection() -> Any | None:
    """The shared connection, opened if it is not (None outside `shared_mail_connection`)."""
    connection = _shared.get()
    if connection is not None:
        connection.open()  # a no-op while it is open
    return connection


def mail_connection_spoiled() -> None:
    """After a failed send: close the shared connection, so the next send starts a new one."""
    connection = _shared.get()
    if connection is not None:
        with suppress(Exception):  # it is being thrown away either way
            connection.close()
