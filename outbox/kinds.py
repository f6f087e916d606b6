"""The registry of outbox kinds and reconciliation sweeps.

The outbox sits low in the dependency order: it never imports the apps whose
side effects it carries. Each app registers, in its AppConfig.ready(), the
handler that performs its kinds and the sweeps that look for work that should
exist and does not.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Payload = dict[str, Any]


class NothingToDo(Exception):
    """Raised by a handler when, at send time, the side effect no longer applies
    (the booking was cancelled, the certificate superseded)."""


class PermanentFailure(Exception):
    """Raised by a handler for a failure that another try cannot fix (a bad address)."""


@dataclass(frozen=True)
class Kind:
    name: str
    perform: Callable[[Payload], None]
    # Rendered mail keeps its text (and links with keys in them) only until it is sent.
    scrub_payload_when_done: bool = False
    # Never performed twice: a worker that died while performing it leaves a claim that is never
    # taken again but marked failed ("may have arrived"), where other kinds are tried again (at least
    # once). For mail where a second copy is worse than a rare missing one: an e-news issue.
    at_most_once: bool = False


_kinds: dict[str, Kind] = {}
_sweeps: dict[str, Callable[[], int]] = {}


def kind_register(
    name: str,
    perform: Callable[[Payload], None],
    *,
    scrub_payload_when_done: bool = False,
    at_most_once: bool = False,
) -> None:
    _kinds[name] = Kind(
        name=name, perform=perform, scrub_payload_when_done=scrub_payload_when_done, at_most_once=at_most_once
    )


def kind_get(name: str) -> Kind:
    try:
        return _kinds[name]
    except KeyError:
        raise PermanentFailure(f"No handler is registered for the kind {name!r}.") from None


def sweep_register(name: str, sweep: Callable[[], int]) -> None:
    """`sweep` queues what is missing and returns how many items it queued."""
    _sweeps[name] = sweep


def sweeps() -> dict[str, Callable[[], int]]:
    return dict(sorted(_sweeps.items()))
