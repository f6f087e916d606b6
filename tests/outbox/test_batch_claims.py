"""How a batch claims its items: each one just before it is performed, in one statement while the
row is still as the batch read it, and the long way (outbox_item_claim) otherwise, so a row that
changed meanwhile, another worker's claim, or a dead worker's at-most-once claim is treated as
one item alone would be. Tasks run eagerly; the mail goes to Django's test outbox."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outbox.batch import batch_cached, batch_memo
from outbox.kinds import kind_register
from outbox.mail import email_send
from outbox.models import OutboxItem
from outbox.services import outbox_item_process, outbox_items_process

pytestmark = pytest.mark.django_db


def _send(payload):
    email_send(EmailMessage("A note", "Sent in a batch.", to=[payload["to"]]))


kind_register("tests.claims", _send)
kind_register("tests.claims_once", _send, at_most_once=True)


def item(n: int, kind: str = "tests.claims", **fields) -> OutboxItem:
    return OutboxItem.objects.create(kind=kind, key=f"tests:claims:{n}", payload={"to": f"r{n}@example.org"}, **fields)


def sent_to() -> list[str]:
    return [message.to[0] for message in mail.outbox]


def test_a_batch_claims_each_pending_item_in_one_statement_just_before_performing_it():
    items = [item(n) for n in range(5)]
    claims_seen = []

    def note(payload):
        claims_seen.append(sorted(OutboxItem.objects.filter(status="claimed").values_list("key", flat=True)))
        _send(payload)

    kind_register("tests.claims_watched", note)
    OutboxItem.objects.filter(pk__in=[i.pk for i in items]).update(kind="tests.claims_watched")

    with CaptureQueriesContext(connection) as queries:
        assert outbox_items_process(item_ids=[i.pk for i in items]) == {"sent": 5}

    # One read for the batch, then per item: the claim and the mark (the watcher's read aside); on
    # PostgreSQL each mark goes with the next claim, in one statement, and the last is on its own.
    assert len(queries) == (1 + 5 * 2 + 1 if connection.vendor == "postgresql" else 1 + 5 * 3)
    assert claims_seen == [[f"tests:claims:{n}"] for n in range(5)]  # one at a time, never ahead
    assert sent_to() == [f"r{n}@example.org" for n in range(5)]
    assert set(OutboxItem.objects.values_list("status", "tries")) == {("sent", 1)}


def test_an_item_that_changed_after_the_batch_read_it_is_claimed_the_long_way_once():
    changed = item(0)
    read = OutboxItem.objects.get(pk=changed.pk)
    # Another worker tried it meanwhile and put it back for a retry: the batch's read is stale.
    OutboxItem.objects.filter(pk=changed.pk).update(tries=1, next_attempt_at=timezone.now() - timedelta(seconds=5))

    assert outbox_item_process(item_id=changed.pk, read=read) == "sent"

    changed.refresh_from_db()
    assert (changed.status, changed.tries) == ("sent", 2)
    assert sent_to() == ["r0@example.org"]


def test_an_item_another_worker_holds_or_has_done_is_not_performed():
    held = item(0, status="claimed", claimed_at=timezone.now(), tries=1)
    done = item(1)
    rows = OutboxItem.objects.in_bulk([held.pk, done.pk])
    OutboxItem.objects.filter(pk=done.pk).update(status="sent")  # after the batch read it as pending

    assert outbox_items_process(item_ids=[held.pk, done.pk]) == {"not claimed": 2}
    assert outbox_item_process(item_id=done.pk, read=rows[done.pk]) == "not claimed"
    assert mail.outbox == []


def test_a_dead_workers_at_most_once_claim_met_in_a_batch_is_failed_and_not_sent(settings):
    settings.OUTBOX_CLAIM_STALE_SECONDS = 300
    stale = item(0, kind="tests.claims_once", status="claimed", claimed_at=timezone.now() - timedelta(minutes=10))
    fresh = item(1, kind="tests.claims_once")

    assert outbox_items_process(item_ids=[stale.pk, fresh.pk]) == {"not claimed": 1, "sent": 1}

    stale.refresh_from_db()
    assert stale.status == "failed" and "may have arrived" in stale.last_error
    assert sent_to() == ["r1@example.org"]


def test_what_a_batch_keeps_lasts_for_that_batch_only():
    built = []

    def build() -> int:
        built.append(1)
        return len(built)

    with batch_memo():
        assert [batch_cached("k", build), batch_cached("k", build)] == [1, 1]
    with batch_memo():
        assert batch_cached("k", build) == 2
    assert [batch_cached("k", build), batch_cached("k", build)] == [3, 4]  # outside a batch: built each time
