"""Issuing: one certificate per learner per achievement, however often it runs."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection, transaction

from certificates.models import Certificate, CertificateTemplate, CourseCertificateSettings
from certificates.services import certificate_issue, certificates_issue, course_certificate_queue
from courses.models import Enrolment
from courses.selectors import course_modules
from courses.services import enrolment_create, module_complete
from tests.accounts.factories import MemberFactory
from tests.certificates.conftest import course_achievement, workshop_achievement
from tests.certificates.pdf_reading import pdf_text
from tests.courses.factories import make_course
from workshops.signals import AttendanceAchievement, attendance_recorded

pytestmark = pytest.mark.django_db


def test_issuing_keeps_a_snapshot_of_what_the_certificate_says(member, course):
    CourseCertificateSettings.objects.create(course=course, expiry_months=24)

    certificate = certificate_issue(achievement=course_achievement(member, course, expiry_months=24))

    assert certificate is not None
    member.full_name = "Morgan Price-Jones"
    member.save()
    course.title = "Renamed course"
    course.save()
    certificate.refresh_from_db()
    assert certificate.name_printed == "Morgan Price"
    assert certificate.title == "Supporting children of prisoners"
    assert certificate.cpd_hours == Decimal("1.5")
    assert certificate.issued_on == date(2026, 3, 14)
    assert certificate.expires_on == date(2028, 3, 14)
    assert certificate.issuer == "i-HOP (Barnardo's)"
    assert certificate.status == Certificate.Status.VALID


def test_issuing_twice_gives_one_certificate_and_one_email(member, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = certificate_issue(achievement=course_achievement(member, course))
    with django_capture_on_commit_callbacks(execute=True):
        second = certificate_issue(achievement=course_achievement(member, course))

    assert first == second
    assert Certificate.objects.filter(member=member).count() == 1
    assert [message.subject for message in mail.outbox] == ["Your certificate: Supporting children of prisoners"]


def test_completing_a_course_issues_its_certificate_with_the_pdf_by_email(
    member, course, django_capture_on_commit_callbacks
):
    CourseCertificateSettings.objects.create(course=course, expiry_months=12)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(member=member, course=course)
    for module in course_modules(course):
        with django_capture_on_commit_callbacks(execute=True):
            module_complete(member=member, module=module)

    [certificate] = Certificate.objects.filter(member=member)
    assert certificate.achievement_id == course.pk
    assert certificate.expires_on is not None
    [message] = [message for message in mail.outbox if message.subject.startswith("Your certificate")]
    assert message.to == [member.email]
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf" and content.startswith(b"%PDF-")
    assert certificate.code_display in filename
    assert certificate.verify_url in message.body


def test_the_issue_run_again_for_the_same_enrolment_changes_nothing(member, course, django_capture_on_commit_callbacks):
    from certificates.services import course_certificate_perform

    enrolment = Enrolment.objects.create(member=member, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at="2026-03-14T10:00:00Z")

    with django_capture_on_commit_callbacks(execute=True):
        course_certificate_queue(enrolment_id=enrolment.pk)
    with django_capture_on_commit_callbacks(execute=True):
        course_certificate_queue(enrolment_id=enrolment.pk)  # queued again: the same outbox item
    with django_capture_on_commit_callbacks(execute=True):
        course_certificate_perform({"enrolment_id": enrolment.pk})  # performed again (a claim taken over)

    assert Certificate.objects.filter(member=member).count() == 1
    assert len([message for message in mail.outbox if message.attachments]) == 1


def test_an_unfinished_enrolment_gets_no_certificate(member, course, django_capture_on_commit_callbacks):
    from outbox.models import OutboxItem

    enrolment = Enrolment.objects.create(member=member, course=course)

    with django_capture_on_commit_callbacks(execute=True):
        course_certificate_queue(enrolment_id=enrolment.pk)

    assert not Certificate.objects.exists()
    assert OutboxItem.objects.get(key=f"certificate-issue:course:{enrolment.pk}").status == "skipped"


def test_a_whole_register_issues_every_certificate_in_one_go(course, django_capture_on_commit_callbacks):
    attendees = MemberFactory.create_batch(4)
    attendances = [
        AttendanceAchievement(
            member_id=attendee.pk,
            workshop_id=42,
            workshop_title="Leeds workshop",
            course_title=course.title,
            cpd_hours=Decimal("3.0"),
            attended_on=date(2026, 5, 2),
        )
        for attendee in attendees
    ]

    with django_capture_on_commit_callbacks(execute=True):
        attendance_recorded.send(sender=None, attendances=attendances)
    with django_capture_on_commit_callbacks(execute=True):
        attendance_recorded.send(sender=None, attendances=attendances)  # the register saved again

    certificates = Certificate.objects.filter(kind=Certificate.Kind.WORKSHOP, achievement_id=42)
    assert sorted(certificates.values_list("member_id", flat=True)) == sorted(attendee.pk for attendee in attendees)
    assert {certificate.cpd_hours for certificate in certificates} == {Decimal("3.0")}
    assert all(certificate.pdf for certificate in certificates)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(attendee.email for attendee in attendees)


def test_a_workshop_certificate_uses_the_default_template_wording(member, django_capture_on_commit_callbacks):
    CertificateTemplate.objects.create(name="House style", is_default=True, attendance_title="Attendance award")

    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(achievement=workshop_achievement(member))

    assert certificate is not None
    assert certificate.template is not None and certificate.template.name == "House style"
    certificate.refresh_from_db()
    assert "Attendance award" in pdf_text(certificate.pdf.read())


def test_an_erased_member_is_skipped(member, course):
    achievement = course_achievement(member, course)
    member.delete()

    assert certificates_issue(achievements=[achievement]) == []
    assert not Certificate.objects.exists()


def test_the_database_refuses_a_second_live_certificate_for_one_achievement(member, course):
    from django.db import IntegrityError

    certificate_issue(achievement=course_achievement(member, course))

    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            member=member,
            kind="course",
            achievement_id=course.pk,
            code="0000000000000001",
            title="x",
            cpd_hours=1,
            issued_on=date(2026, 1, 1),
            issuer="x",
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_for_one_achievement_give_one_certificate():
    """Eight threads, each its own connection and transaction, issue at once."""
    course = make_course(title="Supporting children of prisoners", modules=1)
    learner = MemberFactory()
    barrier = threading.Barrier(8)
    results: list[int] = []
    errors: list[BaseException] = []

    def issue() -> None:
        try:
            barrier.wait()
            certificate = certificate_issue(achievement=course_achievement(learner, course))
            assert certificate is not None
            results.append(certificate.pk)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(set(results)) == 1
    assert Certificate.objects.filter(member=learner).count() == 1
