"""Learners who completed a course or attended a workshop, through the apps' own services."""

from datetime import timedelta
from typing import Any

from accounts.choices import Role
from courses.models import CoursePage, Enrolment
from courses.services import enrolment_create, module_complete
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course
from tests.workshops.factories import make_workshop
from workshops.models import Booking, Workshop
from workshops.services import register_record


def completed_course(member: Any, course: CoursePage | None = None, **course_fields: Any) -> CoursePage:
    course = course or make_course(modules=1, **course_fields)
    enrolment_create(member=member, course=course)
    for module in course.get_children().specific():
        module_complete(member=member, module=module)
    assert Enrolment.objects.get(member=member, course=course).completed_at is not None
    return course


def attended_workshop(members: list[Any], workshop: Workshop | None = None, **fields: Any) -> Workshop:
    workshop = workshop or make_workshop(capacity=max(5, len(members)), starts_in=-timedelta(days=8), **fields)
    bookings = [Booking.objects.create(member=member, workshop=workshop, status="confirmed") for member in members]
    trainer = MemberFactory(role=Role.TRAINER)
    register_record(
        workshop_id=workshop.pk,
        session_id=workshop.sessions.get().pk,
        marks={booking.pk: True for booking in bookings},
        by=trainer,
    )
    return workshop
