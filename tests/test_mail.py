import pytest
from django.core import mail
from django.core.mail import EmailMessage

from elearning.mail import email_queue_on_commit


@pytest.mark.django_db(transaction=True)
def test_attachments_travel_to_the_worker_intact():
    message = EmailMessage(subject="Your place", body="See you there.", to=["learner@example.org"])
    invite = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    pdf = b"%PDF-1.7\n\x00\xff binary"
    message.attach("invite.ics", invite, "text/calendar; method=REQUEST")
    message.attach("certificate.pdf", pdf, "application/pdf")

    email_queue_on_commit(message)

    [sent] = mail.outbox
    assert [(name, content, mimetype) for name, content, mimetype in sent.attachments] == [
        ("invite.ics", invite, "text/calendar; method=REQUEST"),
        ("certificate.pdf", pdf, "application/pdf"),
    ]
