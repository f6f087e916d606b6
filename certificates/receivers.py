"""Listeners for the apps certificates builds on. They only queue a task:
the signals are sent after commit, and the work belongs to the worker."""

from typing import Any

from certificates.tasks import attendance_certificates_issue, attendance_payload, course_certificate_issue


def on_course_completed(sender: Any, enrolment_id: int, **kwargs: Any) -> None:
    course_certificate_issue.delay(enrolment_id)


def on_attendance_recorded(sender: Any, attendances: list[Any], **kwargs: Any) -> None:
    if attendances:
        attendance_certificates_issue.delay([attendance_payload(attendance) for attendance in attendances])


def on_certificate_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An erased member's PDFs go with their rows (files are not in the database)."""
    from django.db import transaction

    if instance.pdf:
        name, storage = instance.pdf.name, instance.pdf.storage
        transaction.on_commit(lambda: storage.delete(name))
