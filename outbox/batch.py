"""What the items of one batch share, read once for the batch instead of once per item.

`outbox_items_process` runs a batch (an e-news issue's hundred members) inside `batch_memo()`;
a handler keeps there what is the same for every item of the batch (the issue, its rendering),
through `batch_cached`. Outside a batch nothing is kept: each call builds its value afresh.
Nothing per item belongs here (a member's consent is read for each message, just before it).
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("outbox_batch_memo", default=None)


@contextmanager
def batch_memo() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def batch_cached(key: Hashable, build: Callable[[], T]) -> T:
    """The value kept under `key` for this batch, built by `build` the first time (every time
    outside a batch)."""
    memo = _memo.get()
    if memo is None:
        return build()
    if key not in memo:
        memo[key] = build()
    return memo[key]
