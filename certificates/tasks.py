"""Celery tasks: interfaces that load by id and call a service."""

from datetime import date
from decimal import Decimal
from typing import Any

from celery import shared_task
from django.conf import settings

from certificates.services import (
    Achievement,
    achievement_for_enrolment,
    certificate_render_and_send,
    certificates_issue,
)

RENDER_SOFT_LIMIT = settings.CERTIFICATES_RENDER_TIME_LIMIT_SECONDS


@shared_task(name="certificates.course_certificate_issue", autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def course_certificate_issue(enrolment_id: int) -> None:
    achievement = achievement_for_enrolment(enrolment_id=enrolment_id)
    if achievement is not None:
        certificates_issue(achievements=[achievement])


def attendance_payload(attendance: Any) -> dict[str, Any]:
    """An AttendanceAchievement as JSON for the broker."""
    return {
        "member_id": attendance.member_id,
        "workshop_id": attendance.workshop_id,
        "workshop_title": attendance.workshop_title,
        "course_title": attendance.course_title,
        "cpd_hours": str(attendance.cpd_hours),
        "attended_on": attendance.attended_on.isoformat(),
    }


@shared_task(
    name="certificates.attendance_certificates_issue", autoretry_for=(OSError,), retry_backoff=True, max_retries=8
)
def attendance_certificates_issue(attendances: list[dict[str, Any]]) -> None:
    """A whole register at once: one transaction issues every certificate."""
    certificates_issue(
        achievements=[
            Achievement(
                member_id=int(entry["member_id"]),
                kind="workshop",
                achievement_id=int(entry["workshop_id"]),
                title=entry["workshop_title"],
                course_title=entry["course_title"],
                cpd_hours=Decimal(entry["cpd_hours"]),
                achieved_on=date.fromisoformat(entry["attended_on"]),
            )
            for entry in attendances
        ]
    )


@shared_task(
    name="certificates.certificate_render",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
    soft_time_limit=RENDER_SOFT_LIMIT,
    time_limit=RENDER_SOFT_LIMIT + 30,
)
def certificate_render(certificate_id: int) -> None:
    certificate_render_and_send(certificate_id=certificate_id)
