"""Writes to the outbox: queue an item, claim and perform it, retry it.

One way for every side effect: `outbox_enqueue` writes the row in the
caller's transaction and hands its id to the broker after commit; the worker
runs `outbox_item_process`, which claims the row (a row lock on PostgreSQL;
SQLite's IMMEDIATE transactions serialise writers), performs the side effect
outside any transaction, and marks the row sent. Beat re-dispatches rows still
unsent after OUTBOX_REDISPATCH_SECONDS (the broker lost the message, it was
down at commit time, or a worker died holding a claim).
"""

import logging
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from outbox.batch import batch_memo
from outbox.connection import shared_mail_connection
from outbox.failures import failure_is_permanent, failure_reason
from outbox.kinds import NothingToDo, Payload, PermanentFailure, kind_get, sweeps
from outbox.models import OutboxItem

logger = logging.getLogger(__name__)


class OutboxError(Exception):
    """An action on an outbox item that cannot be done; the message is shown to the administrator."""


# After a failed publish, this process leaves dispatching to beat for a while: each
# attempt against a broker that is down takes seconds (the client's own retries),
# and a request that queued many items would otherwise wait that long for each.
BROKER_DOWN_PAUSE_SECONDS = 15.0
_broker_down_until = 0.0


def _dispatch(item_id: int, *, countdown: float | None = None, force: bool = False) -> bool:
    """Hand an id to the broker; False if it could not. A broker that is down loses
    nothing: beat re-dispatches the row."""
    from outbox.tasks import outbox_process

    return _publish(outbox_process, (item_id,), countdown=countdown, force=force, what=f"outbox item {item_id}")


def _dispatch_many(item_ids: list[int]) -> bool:
    """Hand the broker one message naming several items, performed in turn by one worker process
    (one SMTP connection for all of them); False if it could not."""
    from outbox.tasks import outbox_process_many

    return _publish(outbox_process_many, (item_ids,), what=f"{len(item_ids)} outbox items")


def _publish(
    task: Any, args: tuple[Any, ...], *, what: str, countdown: float | None = None, force: bool = False
) -> bool:
    global _broker_down_until
    if not force and time.monotonic() < _broker_down_until:
        return False
    try:
        if countdown:
            task.apply_async(args=args, countdown=countdown, retry=False)
        else:
            task.apply_async(args=args, retry=False)
    except Exception as error:  # noqa: BLE001 - any broker failure leaves the rows for beat
        _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE_SECONDS
        logger.warning("%s not dispatched (%s); beat will re-dispatch", what, error)
        return False
    _broker_down_until = 0.0  # it answered (beat's forced try, say): stop pausing
    return True


# Longer waits are left to beat's re-dispatch: a broker message delayed for hours can come back
# twice (Redis's visibility timeout), and the row is the record of when it is due anyway.
LONGEST_COUNTDOWN_SECONDS = 3600


def outbox_enqueue(*, kind: str, key: str, payload: Payload, not_before: datetime | None = None) -> OutboxItem:
    """Write the item in the current transaction (or its own) and dispatch it after commit;
    with `not_before`, it is performed at that time and not earlier.

    A second call with the same key returns the first item and changes
    nothing, so callers and sweeps may queue the same side effect freely."""
    defaults: dict[str, Any] = {"kind": kind, "payload": payload}
    if not_before is not None:
        defaults["next_attempt_at"] = not_before
    with transaction.atomic():
        item, created = OutboxItem.objects.get_or_create(key=key, defaults=defaults)
        if created:
            item_id = item.pk
            wait = (item.next_attempt_at - timezone.now()).total_seconds()
            if wait <= LONGEST_COUNTDOWN_SECONDS:
                transaction.on_commit(lambda: _dispatch(item_id, countdown=wait if wait > 0 else None))
    return item


def outbox_enqueue_many(*, kind: str, entries: dict[str, Payload], per_message: int = 100) -> int:
    """Queue many items of one kind at once (one INSERT per thousand), skipping keys that already
    have an item, and hand them to the broker after commit `per_message` to a message. Returns how
    many it queued. For a fan-out such as an e-news issue to every member who consented."""
    keys = list(entries)
    queued: list[int] = []
    with transaction.atomic():
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            OutboxItem.objects.bulk_create(
                [OutboxItem(kind=kind, key=key, payload=entries[key]) for key in chunk], ignore_conflicts=True
            )
            queued += (
                OutboxItem.objects.filter(key__in=chunk, kind=kind, status=OutboxItem.Status.PENDING, tries=0)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        batches = [queued[start : start + per_message] for start in range(0, len(queued), per_message)]
        transaction.on_commit(lambda: all(_dispatch_many(batch) for batch in batches))
    return len(queued)


def outbox_enqueue_missing(*, kind: str, entries: dict[str, Payload]) -> int:
    """For sweeps: queue each (key, payload) that has no item yet. Returns how many it queued."""
    existing = set(OutboxItem.objects.filter(key__in=list(entries)).values_list("key", flat=True))
    for key, payload in entries.items():
        if key not in existing:
            outbox_enqueue(kind=kind, key=key, payload=payload)
    return len(set(entries) - existing)


def _retry_delay(tries: int) -> float:
    return float(min(settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(tries - 1, 0), settings.OUTBOX_RETRY_MAX_SECONDS))


def outbox_item_claim(*, item_id: int, now: datetime | None = None) -> OutboxItem | None:
    """Claim a pending item that is due, or one whose claim went stale (its
    worker died). None if another worker holds it or it has nothing left to do."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.OUTBOX_CLAIM_STALE_SECONDS)
    with transaction.atomic():
        item = (
            OutboxItem.objects.select_for_update(skip_locked=True)
            .filter(pk=item_id)
            .filter(
                Q(status=OutboxItem.Status.PENDING, next_attempt_at__lte=now + timedelta(seconds=1))
                | Q(status=OutboxItem.Status.CLAIMED, claimed_at__lt=stale_before)
            )
            .first()
        )
        if item is None:
            return None
        if item.status == OutboxItem.Status.CLAIMED and _at_most_once(item.kind):
            item.status = OutboxItem.Status.FAILED
            item.last_error = "The worker stopped while sending this, so it may have arrived; it is not sent again."
            item.done_at = now
            item.save(update_fields=["status", "last_error", "done_at", "updated_at"])
            return None
        item.status = OutboxItem.Status.CLAIMED
        item.claimed_at = now
        item.tries += 1
        item.save(update_fields=["status", "claimed_at", "tries", "updated_at"])
    return item


_DONE = (OutboxItem.Status.SENT, OutboxItem.Status.SKIPPED, OutboxItem.Status.FAILED)


# The claim and the mark are the two statements every item of a batch costs (an e-news issue, two per
# member), so they are written out: through `filter(...).update(...)` each cost the worker about
# 0.4 ms of CPU, most of it building the statement; written out, about 0.15 ms. They update the same row
# on the same conditions as the ORM's `filter(...).update(...)` did, with times prepared as the ORM
# prepares them (on SQLite, text in the ORM's own format, so `=` and `<=` compare as before).
_CLAIM_AS_READ = (
    "UPDATE outbox_outboxitem SET status = %s, claimed_at = %s, tries = %s, updated_at = %s"
    " WHERE id = %s AND status = %s AND tries = %s AND next_attempt_at <= %s"
)
_MARK_SENT = (
    "UPDATE outbox_outboxitem SET status = %s, last_error = '', done_at = %s, updated_at = %s"
    " WHERE id = %s AND status = %s AND claimed_at = %s"
)
# In a batch on PostgreSQL, the mark of the item just sent goes with the claim of the next, in one
# statement (a data-modifying WITH runs whether or not it is read): one round trip and one commit
# fewer per item. The order is unchanged: sent, then marked, then the next claimed; a worker killed
# before the statement leaves the sent item claimed, as it did before. SQLite has no UPDATE in WITH.
_MARK_SENT_THEN_CLAIM = f"WITH marked AS ({_MARK_SENT}) {_CLAIM_AS_READ}"


def _at(moment: datetime | None) -> Any:
    """A time as the database stores it."""
    return OutboxItem._meta.get_field("claimed_at").get_db_prep_value(moment, connection)


def _rows_updated(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _claim_as_read(item: OutboxItem, *, marking: OutboxItem | None = None) -> OutboxItem | None:
    """Claim an item read a moment ago (by a batch) in one statement, if it is still pending, due
    and tried as often as when it was read. None otherwise: the caller then claims it the long way
    (`outbox_item_claim`), which also deals with a stale claim. Whichever way, only one claim can
    succeed: the row is updated only while it is pending. `marking`, an item of the batch just
    sent, is marked sent first (in the same statement where the database allows), claimed or not."""
    now = timezone.now()
    claim = [OutboxItem.Status.CLAIMED, _at(now), item.tries + 1, _at(now)]
    as_read = [item.pk, OutboxItem.Status.PENDING, item.tries, _at(now + timedelta(seconds=1))]
    if marking is not None and connection.vendor == "postgresql":
        claimed = _rows_updated(_MARK_SENT_THEN_CLAIM, [*_mark_sent_values(marking, now), *claim, *as_read])
    else:
        if marking is not None:
            _mark_sent(marking)
        claimed = _rows_updated(_CLAIM_AS_READ, [*claim, *as_read])
    if not claimed:
        return None
    item.status, item.claimed_at, item.tries = OutboxItem.Status.CLAIMED, now, item.tries + 1
    return item


def _mark_sent_values(item: OutboxItem, now: datetime) -> list[Any]:
    return [OutboxItem.Status.SENT, _at(now), _at(now), item.pk, OutboxItem.Status.CLAIMED, _at(item.claimed_at)]


def _mark_sent(item: OutboxItem) -> None:
    """Mark a performed item sent, if it is still under this claim."""
    _rows_updated(_MARK_SENT, _mark_sent_values(item, timezone.now()))


def _still_claimed(item: OutboxItem) -> QuerySet[OutboxItem]:
    """The item's row while it is under this claim; built only when needed (a queryset's filter
    costs a fifth of a millisecond, and the usual outcome, sent, is marked by `_mark_sent`)."""
    return OutboxItem.objects.filter(pk=item.pk, status=OutboxItem.Status.CLAIMED, claimed_at=item.claimed_at)


def outbox_item_process(*, item_id: int, read: OutboxItem | None = None) -> str:
    """Claim, perform and mark one item. Returns its status afterwards (or
    "not claimed"). A failure another try can fix puts it back as pending with
    a backoff; a permanent one, or the last allowed try, marks it failed.
    `read` is the row as a batch read it: a pending one is claimed in one statement."""
    outcome, sent = _item_process(item_id=item_id, read=read, unmarked=None)
    if sent is not None:
        _mark_sent(sent)
    return outcome


def _item_process(
    *, item_id: int, read: OutboxItem | None, unmarked: OutboxItem | None
) -> tuple[str, OutboxItem | None]:
    """`outbox_item_process` for an item of a batch. `unmarked` is the item sent just before,
    marked with this one's claim (or first, when this one is not claimed in one statement).
    Returns the outcome and the item sent whose mark is still to be written, if any."""
    as_read = read is not None and read.status == OutboxItem.Status.PENDING and read.pk != getattr(unmarked, "pk", None)
    if unmarked is not None and not as_read:
        _mark_sent(unmarked)
        unmarked = None
    if read is not None and read.status in _DONE:
        return "not claimed", None  # sent, skipped or failed already (beat dispatched it twice)
    item = _claim_as_read(read, marking=unmarked) if as_read and read is not None else None
    item = item or outbox_item_claim(item_id=item_id)
    if item is None:
        return "not claimed", None
    try:
        kind = kind_get(item.kind)
        kind.perform(item.payload)
    except NothingToDo as outcome:
        _still_claimed(item).update(
            status=OutboxItem.Status.SKIPPED,
            last_error=str(outcome)[:2000],
            done_at=timezone.now(),
            updated_at=timezone.now(),
        )
        return OutboxItem.Status.SKIPPED, None
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row, none is lost
        reason = failure_reason(error)
        now = timezone.now()
        if failure_is_permanent(error) or item.tries >= settings.OUTBOX_MAX_TRIES:
            _still_claimed(item).update(status=OutboxItem.Status.FAILED, last_error=reason, done_at=now, updated_at=now)
            logger.error("outbox item %s (%s) failed after %s tries: %s", item.pk, item.key, item.tries, reason)
            return OutboxItem.Status.FAILED, None
        delay = _retry_delay(item.tries)
        _still_claimed(item).update(
            status=OutboxItem.Status.PENDING,
            last_error=reason,
            next_attempt_at=now + timedelta(seconds=delay),
            updated_at=now,
        )
        logger.warning(
            "outbox item %s (%s) try %s failed, retrying in %ss: %s", item.pk, item.key, item.tries, delay, reason
        )
        _dispatch(item.pk, countdown=delay)
        return OutboxItem.Status.PENDING, None
    if kind.scrub_payload_when_done:  # rendered mail, one message at a time: the ORM's statement
        now = timezone.now()
        sent = {"status": OutboxItem.Status.SENT, "last_error": "", "done_at": now, "updated_at": now}
        _still_claimed(item).update(**sent, payload={})
        return OutboxItem.Status.SENT, None
    return OutboxItem.Status.SENT, item


def _at_most_once(kind: str) -> bool:
    try:
        return kind_get(kind).at_most_once
    except PermanentFailure:
        return False


def outbox_items_process(*, item_ids: list[int]) -> dict[str, int]:
    """Perform several items in turn, as `outbox_item_process` does each (claimed one at a time, just
    before it is performed, so a worker killed part-way leaves at most the one it was performing
    claimed and the rest pending for beat), over one SMTP connection. The rows are read once for
    the batch, and handlers keep what the items share for the batch (outbox.batch)."""
    outcomes: dict[str, int] = {}
    rows = OutboxItem.objects.only("kind", "key", "payload", "status", "tries").in_bulk(item_ids)
    unmarked: OutboxItem | None = None  # sent, its mark going with the next claim
    with shared_mail_connection(), batch_memo():
        for item_id in item_ids:
            outcome, unmarked = _item_process(item_id=item_id, read=rows.get(item_id), unmarked=unmarked)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if unmarked is not None:
            _mark_sent(unmarked)
    return outcomes


def outbox_dispatch_due(*, now: datetime | None = None, batch: int = 500) -> int:
    """Beat: hand the broker again every item still unsent a while after it
    was due, and every claim that went stale. Returns how many it dispatched.
    Dispatching an item twice is harmless: only one claim can succeed."""
    now = now or timezone.now()
    due_before = now - timedelta(seconds=settings.OUTBOX_REDISPATCH_SECONDS)
    stale_before = now - timedelta(seconds=settings.OUTBOX_CLAIM_STALE_SECONDS)
    ids = list(
        OutboxItem.objects.filter(
            Q(status=OutboxItem.Status.PENDING, next_attempt_at__lte=due_before)
            | Q(status=OutboxItem.Status.CLAIMED, claimed_at__lt=stale_before)
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:batch]
    )
    dispatched = 0
    for item_id in ids:
        if not _dispatch(item_id, force=True):
            break  # the broker is down: the next run tries again
        dispatched += 1
    if dispatched:
        logger.info("outbox: re-dispatched %s unsent items", dispatched)
    return dispatched


def outbox_item_retry(*, item_id: int) -> OutboxItem:
    """An administrator's retry of a failed item (or a pending one, now).
    Raises OutboxError for an item that is sent, skipped or in progress."""
    with transaction.atomic():
        item = OutboxItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None:
            raise OutboxError("That outbox item does not exist.")
        if item.status not in (OutboxItem.Status.FAILED, OutboxItem.Status.PENDING):
            raise OutboxError(f"This item is {item.get_status_display().lower()}, so there is nothing to retry.")
        item.status = OutboxItem.Status.PENDING
        item.tries = 0
        item.next_attempt_at = timezone.now()
        item.done_at = None
        item.save(update_fields=["status", "tries", "next_attempt_at", "done_at", "updated_at"])
        transaction.on_commit(lambda: _dispatch(item_id))
    return item


def outbox_reconcile() -> dict[str, int]:
    """Beat: run every registered sweep (each queues what should exist and
    does not, by the same unique keys, so running it again queues nothing)."""
    found: dict[str, int] = {}
    for name, sweep in sweeps().items():
        try:
            found[name] = sweep()
        except Exception:  # one broken sweep must not stop the others
            logger.exception("outbox sweep %s failed", name)
            continue
        if found[name]:
            logger.warning("outbox sweep %s found %s missing side effects and queued them", name, found[name])
    return found
