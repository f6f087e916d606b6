"""The outbox on its own: one row per side effect, claimed, performed, marked;
retries that fit the failure; beat's re-dispatch and reconciliation; health;
the administrators' view. Tasks run eagerly here; tests/reliability runs them
in real worker processes."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from certificates.models import Certificate
from courses.models import Enrolment
from outbox.kinds import kind_register
from outbox.mail import email_enqueue
from outbox.models import OutboxItem
from outbox.services import outbox_dispatch_due, outbox_enqueue, outbox_item_process, outbox_reconcile
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course
from tests.services import SmtpSink

pytestmark = pytest.mark.django_db(transaction=True)


def message(to: str = "learner@example.org", subject: str = "Hello") -> EmailMessage:
    return EmailMessage(subject, "A message from the platform.", to=[to])


def test_a_second_write_with_the_same_key_is_a_no_op_and_sends_once():
    with transaction.atomic():
        first = email_enqueue(message(), key="mail:welcome:1")
        second = email_enqueue(message(), key="mail:welcome:1")

    assert first.pk == second.pk
    assert OutboxItem.objects.count() == 1
    assert len(mail.outbox) == 1
    assert OutboxItem.objects.get().status == OutboxItem.Status.SENT


def test_a_rolled_back_transaction_leaves_no_row_and_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_enqueue(message())
        raise RuntimeError("the change failed")

    assert OutboxItem.objects.count() == 0
    assert mail.outbox == []


def test_a_rendered_message_keeps_its_text_only_until_it_is_sent():
    item = email_enqueue(message(subject="Confirm your address"))

    item.refresh_from_db()
    assert item.status == OutboxItem.Status.SENT
    assert item.payload == {}  # a verification link is not kept once delivered
    assert mail.outbox[0].subject == "Confirm your address"


def test_mail_with_attachments_must_have_a_renderer():
    with_pdf = message()
    with_pdf.attach("certificate.pdf", b"%PDF-", "application/pdf")

    with pytest.raises(ValueError, match="renderer"):
        email_enqueue(with_pdf)


@pytest.fixture
def smtp(settings, smtp_sink: SmtpSink) -> SmtpSink:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    return smtp_sink


def test_smtp_451_is_retried_later_with_the_reason_kept(smtp: SmtpSink, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    smtp.answer_every_message("451 4.3.0 Mailbox busy, try again later")

    item = email_enqueue(message())

    item.refresh_from_db()
    assert item.status == OutboxItem.Status.PENDING and item.tries == 1
    assert item.last_error.startswith("SMTP 451")
    assert item.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert outbox_item_process(item_id=item.pk) == "not claimed"  # not due yet: nothing happens early

    smtp.answer_every_message(None)
    OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
    assert outbox_item_process(item_id=item.pk) == OutboxItem.Status.SENT
    assert len(smtp.messages) == 1


def test_smtp_550_and_bad_addresses_fail_at_once_and_are_not_retried(smtp: SmtpSink):
    smtp.refuse_recipient("gone@example.org", "550 5.1.1 No such mailbox")

    refused = email_enqueue(message(to="gone@example.org"))
    malformed = email_enqueue(message(to="not an address"))

    refused.refresh_from_db()
    malformed.refresh_from_db()
    assert (refused.status, refused.tries) == (OutboxItem.Status.FAILED, 1)
    assert "550" in refused.last_error and "gone@example.org" in refused.last_error
    assert (malformed.status, malformed.tries) == (OutboxItem.Status.FAILED, 1)
    assert "Not an email address" in malformed.last_error
    assert outbox_dispatch_due(now=timezone.now() + timedelta(days=1)) == 0  # beat leaves failures alone


def test_a_database_lock_is_retried_and_the_last_try_marks_it_failed(settings):
    settings.OUTBOX_MAX_TRIES = 2
    attempts = []

    def locked(payload):
        attempts.append(payload)
        raise OperationalError("database is locked")

    kind_register("tests.locked", locked)
    item = outbox_enqueue(kind="tests.locked", key="tests:locked", payload={"n": 1})

    item.refresh_from_db()
    assert (item.status, item.last_error) == (OutboxItem.Status.PENDING, "OperationalError: database is locked")
    OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
    outbox_item_process(item_id=item.pk)
    item.refresh_from_db()
    assert (item.status, item.tries, len(attempts)) == (OutboxItem.Status.FAILED, 2, 2)


def test_beat_re_dispatches_what_the_broker_lost_and_what_a_dead_worker_held(settings):
    settings.OUTBOX_REDISPATCH_SECONDS = 60
    settings.OUTBOX_CLAIM_STALE_SECONDS = 300
    # Rows written as email_enqueue writes them, whose ids the broker never delivered.
    payload = {"subject": "Hello", "body": "Hi", "html": None, "from_email": None, "headers": {}}
    lost = OutboxItem.objects.create(
        kind="mail.rendered", key="tests:lost", payload={**payload, "to": ["lost@example.org"]}
    )
    held = OutboxItem.objects.create(
        kind="mail.rendered", key="tests:held", payload={**payload, "to": ["held@example.org"]}
    )
    OutboxItem.objects.filter(pk=lost.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=2))
    OutboxItem.objects.filter(pk=held.pk).update(status="claimed", claimed_at=timezone.now() - timedelta(minutes=1))

    assert outbox_dispatch_due() == 1  # the lost one; the claim is still fresh
    OutboxItem.objects.filter(pk=held.pk).update(claimed_at=timezone.now() - timedelta(minutes=6))
    assert outbox_dispatch_due() == 1  # now the claim is stale: its worker died

    assert sorted(m.to[0] for m in mail.outbox) == ["held@example.org", "lost@example.org"]
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {"sent"}
    assert outbox_dispatch_due() == 0


def test_reconciliation_issues_a_missing_certificate_once_and_logs_it(caplog):
    member = MemberFactory()
    course = make_course(modules=1)
    # A completion recorded before the outbox existed (or written behind the services' back): nothing queued.
    Enrolment.objects.create(member=member, course=course, completed_at=timezone.now())
    assert not Certificate.objects.exists()

    with caplog.at_level(logging.WARNING, logger="outbox.services"):
        found = outbox_reconcile()

    assert found["certificates.course_missing"] == 1
    certificate = Certificate.objects.get(member=member)
    assert certificate.pdf and certificate.emailed_at is not None
    assert "certificates.course_missing found 1" in caplog.text
    assert [m.to for m in mail.outbox if m.subject.startswith("Your certificate")] == [[member.email]]
    assert outbox_reconcile() == dict.fromkeys(found, 0)  # idempotent: nothing more to queue


def test_reconciliation_renders_a_certificate_that_has_no_pdf():
    from certificates.services import Achievement, certificates_issue

    member = MemberFactory()
    with transaction.atomic():
        [certificate] = certificates_issue(
            achievements=[
                Achievement(
                    member_id=member.pk,
                    kind="course",
                    achievement_id=1,
                    title="A course",
                    course_title="A course",
                    cpd_hours=1,
                    achieved_on=timezone.localdate(),
                )
            ]
        )
        OutboxItem.objects.filter(key=f"certificate-render:{certificate.pk}").delete()  # as if it were lost

    assert not Certificate.objects.get(pk=certificate.pk).pdf
    assert outbox_reconcile()["certificates.pdf_missing"] == 1
    assert Certificate.objects.get(pk=certificate.pk).pdf


def test_healthz_says_degraded_when_work_is_stuck_though_the_worker_is_alive(client, settings):
    from elearning.health import heartbeat

    settings.OUTBOX_STUCK_SECONDS = 600
    heartbeat.delay()
    assert client.get("/healthz").json()["status"] == "ok"

    kind_register("tests.stuck", lambda payload: None)
    with transaction.atomic():
        item = OutboxItem.objects.create(kind="tests.stuck", key="tests:stuck", payload={})
    OutboxItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(minutes=15))
    OutboxItem.objects.create(kind="tests.stuck", key="tests:failed", status="failed", last_error="SMTP 550")

    body = client.get("/healthz").json()

    assert body["worker"] == "ok"
    assert body["status"] == "degraded"
    assert body["outbox"]["state"] == "stuck" and body["outbox"]["failed"] == 1
    assert body["outbox"]["oldest_unsent_age_seconds"] >= 900


def test_administrators_see_failures_with_the_reason_and_retry_one(client, smtp: SmtpSink):
    smtp.refuse_recipient("typo@example.org", "550 5.1.1 No such mailbox")
    item = email_enqueue(message(to="typo@example.org"))
    admin = MemberFactory(role=Role.ADMINISTRATOR)
    trainer = MemberFactory(role=Role.TRAINER)
    list_url = reverse("outbox_admin:list")
    retry_url = reverse("outbox_admin:retry", args=[item.pk])

    client.force_login(trainer)  # Wagtail answers a refused admin page by sending the user back to /cms/
    assert client.get(list_url).url == "/cms/"
    assert client.post(retry_url).url == "/cms/"
    assert OutboxItem.objects.get(pk=item.pk).status == OutboxItem.Status.FAILED

    client.force_login(admin)
    page = client.get(list_url + "?status=failed").content.decode()
    assert item.key in page and "550 5.1.1 No such mailbox" in page and "Retry" in page
    assert client.get(retry_url).status_code == 405  # a retry is a POST

    smtp._collector.refuse_recipients.clear()  # the address was fixed at the other end
    response = client.post(retry_url, {"status": "failed"}, follow=True)

    assert "queued to be tried again" in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.tries) == (OutboxItem.Status.SENT, 1)
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["typo@example.org"]
    response = client.post(retry_url, follow=True)
    assert "nothing to retry" in response.content.decode()


def test_the_retry_needs_a_csrf_token(client):
    from django.test import Client

    item = OutboxItem.objects.create(kind="mail.rendered", key="tests:csrf", status="failed")
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(MemberFactory(role=Role.ADMINISTRATOR))

    assert checked.post(reverse("outbox_admin:retry", args=[item.pk])).status_code == 403
    assert OutboxItem.objects.get(pk=item.pk).status == "failed"


def test_the_outbox_admin_list_takes_the_same_queries_however_many_items(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    client.get(reverse("outbox_admin:list"))  # warms the site and menu caches

    def queries_with(count: int) -> int:
        OutboxItem.objects.bulk_create(
            [OutboxItem(kind="mail.rendered", key=f"tests:{count}:{n}", status="failed") for n in range(count)]
        )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("outbox_admin:list")).status_code == 200
        return len(captured)

    assert queries_with(5) == queries_with(40)
