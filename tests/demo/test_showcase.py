"""What `seed_demo` leaves for a newcomer to try, seeded once however often it runs,
and its refusal to seed beside real members."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate, CertificateTemplate, CourseCertificateSettings
from courses.models import ModulePage
from demo.showcase import FULL_TITLE, PAST_TITLE, SCORM_MODULE, SOON_TITLE
from quizzes.models import Attempt
from scorm.models import ScormPackage
from scorm.selectors import scorm_placements
from workshops.models import Booking, Session, Workshop

pytestmark = pytest.mark.django_db


def seed() -> None:
    call_command("seed_demo", allow_production=True, verbosity=0)


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (User, Workshop, Booking, Certificate, Attempt, ScormPackage, Session)
    )


def current_soon_workshops() -> list[Workshop]:
    return list(Workshop.objects.filter(title=SOON_TITLE, sessions__ends_at__gt=timezone.now()))


def test_the_demo_shows_everything_and_seeding_again_changes_nothing(client):
    before_seed = timezone.now()
    seed()
    after_first = counts()
    seed()
    assert counts() == after_first

    # The project's own SCORM lesson, imported through the scorm services, in a module.
    package = ScormPackage.objects.get()
    assert package.status == ScormPackage.Status.READY and package.version == "1.2"
    [placement] = scorm_placements(ModulePage.objects.get(slug=SCORM_MODULE))
    assert placement.package_id == package.pk and not placement.required

    # A workshop starting in about ten minutes, the learner booked on it.
    [soon] = current_soon_workshops()
    starts = soon.sessions.get().starts_at
    assert before_seed + timedelta(minutes=9) <= starts <= timezone.now() + timedelta(minutes=10)
    assert soon.bookings.get(member__email="learner@example.org").status == Booking.Status.CONFIRMED

    # One full, with a waiting list.
    full = Workshop.objects.get(title=FULL_TITLE)
    statuses = list(full.bookings.values_list("status", flat=True))
    assert statuses.count(Booking.Status.CONFIRMED) == full.capacity
    assert statuses.count(Booking.Status.WAITLISTED) >= 1

    # One in the past, its register taken: the learner attended and has the certificate.
    past = Workshop.objects.get(title=PAST_TITLE)
    assert past.sessions.get().ends_at < timezone.now()
    assert {b.member.email: b.status for b in past.bookings.select_related("member")} == {
        "learner@example.org": Booking.Status.ATTENDED,
        "grace@example.org": Booking.Status.NO_SHOW,
    }
    [certificate] = Certificate.objects.filter(member__email="learner@example.org")
    assert (certificate.kind, certificate.achievement_id) == ("workshop", past.pk)

    # A submitted attempt to review, with an answer wrong.
    [attempt] = Attempt.objects.filter(state=Attempt.State.FINISHED)
    assert attempt.member.email == "priya@example.org" and attempt.passed and attempt.percent < 100

    # The trainer runs all the demo workshops and sees their bookings.
    trainer = User.objects.get(email="trainer@example.org")
    assert set(trainer.workshops_trained.values_list("title", flat=True)) >= {SOON_TITLE, FULL_TITLE, PAST_TITLE}
    # The regional workshops are still there; the list shows what is ahead.
    upcoming = Workshop.objects.filter(sessions__starts_at__gt=timezone.now()).distinct().count()
    assert upcoming == 6
    # One certificate design, used by the demo course.
    [template] = CertificateTemplate.objects.all()
    assert template.is_default and CourseCertificateSettings.objects.get().template == template


def test_once_the_soon_workshop_is_over_seeding_again_puts_on_another(client):
    seed()
    [soon] = current_soon_workshops()
    Session.objects.filter(workshop=soon).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    assert current_soon_workshops() == []

    seed()

    [fresh] = current_soon_workshops()
    assert fresh.pk != soon.pk
    assert Workshop.objects.filter(pk=soon.pk).exists(), "the one that took place stays, with its bookings"
    seed()
    assert current_soon_workshops() == [fresh]


def test_the_seed_refuses_a_database_with_real_members_and_changes_nothing():
    User.objects.create_user(email="someone@school.example", password="not-demo-1234")

    with pytest.raises(CommandError, match="holds 1 account that is not the demo's"):
        call_command("seed_demo", allow_production=True)
    assert list(User.objects.values_list("email", flat=True)) == ["someone@school.example"]
    assert not Workshop.objects.exists()

    call_command("seed_demo", allow_production=True, allow_real_members=True, verbosity=0)
    assert User.objects.filter(email="learner@example.org").exists()
