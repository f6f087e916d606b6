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


def base_data_ensure() -> None:
    """What migrations create and transactional tests need: Wagtail's locale,
    root collection and page, the home page and site, the role groups with
    their permissions. A transactional test that ran before may have flushed them."""
    import importlib

    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    from cms.models import HomePage

    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        root = Page.objects.filter(depth=1).first() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="i-HOP learning", slug="home"))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="i-HOP")
    # These data migrations use get_or_create, so running them again is safe.
    importlib.import_module("accounts.migrations.0002_role_groups").create_role_groups(apps, None)
    importlib.import_module("certificates.migrations.0002_role_permissions").grant(apps, None)
