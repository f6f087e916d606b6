"""Listeners for the apps certificates builds on. The signals are sent inside
the transaction that records the achievement; the listeners only write outbox
rows in it, so the certificate is queued if and only if the achievement commits."""

from typing import Any

from certificates.services import attendance_certificate_queue, course_certificate_queue


def on_course_completed(sender: Any, enrolment_id: int, **kwargs: Any) -> None:
    course_certificate_queue(enrolment_id=enrolment_id)


def on_attendance_recorded(sender: Any, attendances: list[Any], **kwargs: Any) -> None:
    for attendance in attendances:
        attendance_certificate_queue(
            member_id=attendance.member_id,
            workshop_id=attendance.workshop_id,
            workshop_title=attendance.workshop_title,
            course_title=attendance.course_title,
            cpd_hours=attendance.cpd_hours,
            attended_on=attendance.attended_on,
        )


def on_certificate_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An erased member's PDFs go with their rows (files are not in the database)."""
    from django.db import transaction

    if instance.pdf:
        name, storage = instance.pdf.name, instance.pdf.storage
        transaction.on_commit(lambda: storage.delete(name))
