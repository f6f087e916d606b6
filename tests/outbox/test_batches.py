"""Many items at once: queued in bulk, performed in turn over one SMTP connection, and the
at-most-once kinds that a dead worker's claim must never send twice. Tasks run eagerly here;
tests/reliability/test_enews_worker.py runs them in real worker processes."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone

from outbox.kinds import kind_register
from outbox.mail import email_send
from outbox.models import OutboxItem
from outbox.services import outbox_dispatch_due, outbox_enqueue, outbox_enqueue_many, outbox_items_process
from tests.services import SmtpSink

pytestmark = pytest.mark.django_db(transaction=True)


def _send_note(payload):
    email_send(EmailMessage("A note", "Sent in a batch.", to=[payload["to"]]))


kind_register("tests.note", _send_note)
kind_register("tests.once", _send_note, at_most_once=True)


def entries(count: int, prefix: str = "note") -> dict[str, dict[str, str]]:
    return {f"tests:{prefix}:{n}": {"to": f"reader{n}@example.org"} for n in range(count)}


def test_queued_in_bulk_each_key_once_and_sent_over_one_connection_per_hundred(smtp_settings: SmtpSink):
    outbox_enqueue(kind="tests.note", key="tests:note:0", payload={"to": "reader0@example.org"})  # already there

    queued = outbox_enqueue_many(kind="tests.note", entries=entries(150))

    assert queued == 149
    arrived = smtp_settings.wait_for(150)
    assert sorted(message["X-Envelope-To"] for message in arrived) == sorted(
        f"reader{n}@example.org" for n in range(150)
    )
    # The one queued alone came on its own connection; the 149 came a hundred to a connection.
    assert len({message["X-Smtp-Peer"] for message in arrived}) == 3
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {"sent"}


def test_a_refused_message_in_a_batch_does_not_stop_the_rest(smtp_settings: SmtpSink):
    smtp_settings.refuse_recipient("reader2@example.org", "550 5.1.1 No such user")

    outbox_enqueue_many(kind="tests.note", entries=entries(5))

    assert len(smtp_settings.wait_for(4)) == 4
    statuses = dict(OutboxItem.objects.values_list("key", "status"))
    assert statuses.pop("tests:note:2") == "failed"
    assert set(statuses.values()) == {"sent"}


def test_items_already_done_are_not_performed_again_by_a_second_batch(smtp_settings: SmtpSink):
    outbox_enqueue_many(kind="tests.note", entries=entries(3))
    smtp_settings.wait_for(3)

    outcomes = outbox_items_process(item_ids=list(OutboxItem.objects.values_list("pk", flat=True)))

    assert outcomes == {"not claimed": 3}
    assert len(smtp_settings.messages) == 3


def test_a_claim_left_by_a_dead_worker_is_tried_again_for_ordinary_kinds_but_not_for_at_most_once_ones(
    smtp_settings: SmtpSink, settings
):
    settings.OUTBOX_CLAIM_STALE_SECONDS = 300
    settings.OUTBOX_REDISPATCH_SECONDS = 60
    long_ago = timezone.now() - timedelta(minutes=10)
    ordinary = OutboxItem.objects.create(kind="tests.note", key="tests:held", payload={"to": "held@example.org"})
    once = OutboxItem.objects.create(kind="tests.once", key="tests:once", payload={"to": "once@example.org"})
    OutboxItem.objects.filter(pk__in=[ordinary.pk, once.pk]).update(status="claimed", claimed_at=long_ago, tries=1)

    outbox_dispatch_due()

    assert [message["X-Envelope-To"] for message in smtp_settings.wait_for(1)] == ["held@example.org"]
    once.refresh_from_db()
    assert once.status == OutboxItem.Status.FAILED
    assert "may have arrived" in once.last_error
    assert smtp_settings.messages_to("once@example.org") == []


def test_an_item_due_later_waits_for_its_time(smtp_settings: SmtpSink, settings):
    settings.OUTBOX_REDISPATCH_SECONDS = 60
    later = timezone.now() + timedelta(hours=3)
    item = outbox_enqueue(kind="tests.note", key="tests:later", payload={"to": "later@example.org"}, not_before=later)

    assert outbox_dispatch_due() == 0
    item.refresh_from_db()
    assert (item.status, item.next_attempt_at) == (OutboxItem.Status.PENDING, later)

    # Three hours on (moved back instead of waiting): beat's next run sends it.
    OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=2))
    assert outbox_dispatch_due() == 1
    assert [message["X-Envelope-To"] for message in smtp_settings.wait_for(1)] == ["later@example.org"]
