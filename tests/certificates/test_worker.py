"""Through Redis and a real worker process: a completed course's certificate
is issued, rendered and emailed with its PDF to the SMTP sink."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment
from courses.signals import course_completed
from tests.accounts.factories import MemberFactory
from tests.certificates.pdf_reading import pdf_text
from tests.courses.factories import make_course
from tests.services import message_text
from workshops.signals import AttendanceAchievement, attendance_recorded

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


def attachments(message) -> list[tuple[str, bytes]]:
    return [
        (part.get_filename(), part.get_payload(decode=True))
        for part in message.walk()
        if part.get_content_type() == "application/pdf"
    ]


def test_a_completed_course_certificate_arrives_by_email_with_its_pdf(celery_worker, smtp_sink):
    learner = MemberFactory(full_name="Rowan Ellis", email="rowan@example.org")
    course = make_course(title="Supporting children of prisoners", modules=1)
    with transaction.atomic():
        enrolment = Enrolment.objects.create(member=learner, course=course, completed_at=timezone.now())
        course_completed.send(sender=Enrolment, enrolment_id=enrolment.pk)  # as course_completion_check sends it

    [message] = smtp_sink.wait_for(1, to="rowan@example.org", timeout=60)

    certificate = Certificate.objects.get(member=learner)
    [(filename, pdf)] = attachments(message)
    assert certificate.code_display in filename
    text = " ".join(pdf_text(pdf).split())
    assert "Rowan Ellis" in text and "Supporting children of prisoners" in text
    assert certificate.verify_url in message_text(message)
    assert certificate.pdf.read() == pdf
    log = celery_worker.log_path.read_text()
    assert "outbox.process" in log


def test_a_workshop_register_issues_every_certificate_through_the_worker(celery_worker, smtp_sink):
    attendees = [MemberFactory(email=f"attendee{number}@example.org") for number in range(3)]
    attendances = [
        AttendanceAchievement(
            member_id=attendee.pk,
            workshop_id=9,
            workshop_title="Cardiff workshop",
            course_title="Supporting children of prisoners",
            cpd_hours=Decimal("3.0"),
            attended_on=date(2026, 5, 2),
        )
        for attendee in attendees
    ]
    attendance_recorded.send(sender=None, attendances=attendances)
    attendance_recorded.send(sender=None, attendances=attendances)  # the register saved twice

    messages = smtp_sink.wait_for(3, timeout=60)

    assert sorted(message["X-Envelope-To"] for message in messages) == [attendee.email for attendee in attendees]
    assert Certificate.objects.filter(kind="workshop", achievement_id=9).count() == 3
    assert all("Certificate of attendance" in " ".join(pdf_text(attachments(m)[0][1]).split()) for m in messages)
    smtp_sink.wait_for(4, timeout=2)  # a duplicate would have arrived by now
    assert len(smtp_sink.messages) == 3
