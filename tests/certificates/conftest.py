from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from accounts.models import User
from certificates.models import Certificate
from certificates.services import Achievement, certificate_issue
from courses.models import CoursePage
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course

HOSTILE_NAME_TEMPLATE = '<img src="file:///etc/passwd"><link rel=stylesheet href="http://127.0.0.1:{port}/x">'


@pytest.fixture
def member(db: None) -> User:
    return MemberFactory(full_name="Morgan Price")


@pytest.fixture
def course(db: None) -> CoursePage:
    return make_course(title="Supporting children of prisoners", modules=2)


def course_achievement(member: User, course: CoursePage, *, expiry_months: int | None = None) -> Achievement:
    return Achievement(
        member_id=member.pk,
        kind=Certificate.Kind.COURSE,
        achievement_id=course.pk,
        title=course.title,
        course_title=course.title,
        cpd_hours=course.cpd_hours,
        achieved_on=date(2026, 3, 14),
        expiry_months=expiry_months,
    )


def workshop_achievement(member: User, *, workshop_id: int = 7) -> Achievement:
    return Achievement(
        member_id=member.pk,
        kind=Certificate.Kind.WORKSHOP,
        achievement_id=workshop_id,
        title="Leeds workshop: supporting children of prisoners",
        course_title="Supporting children of prisoners",
        cpd_hours=Decimal("3.0"),
        achieved_on=date(2026, 5, 2),
    )


@pytest.fixture
def certificate(member: User, course: CoursePage, django_capture_on_commit_callbacks: Any) -> Certificate:
    """An issued certificate, rendered and emailed (tasks run eagerly here)."""
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificate_issue(achievement=course_achievement(member, course))
    assert issued is not None
    issued.refresh_from_db()
    return issued
