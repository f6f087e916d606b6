"""A trainer lowers a workshop's capacity in the Wagtail form while members
book: real HTTP requests released together at a threaded live server, on
PostgreSQL. The save goes through `workshop_save`, which counts the confirmed
bookings under the workshop's row lock, so the end state never has more
confirmed bookings than places."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from tests.accounts.factories import MemberFactory
from tests.http import CSRF, all_at_once, signed_in_session
from tests.workshops.factories import make_workshop
from tests.workshops.test_pages_and_admin import admin_post_data
from tests.workshops.test_reliability import book_call
from workshops.models import Booking, Workshop
from workshops.services import booking_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ALREADY_CONFIRMED = 4
NEW_CAPACITY = 5
BOOKERS = 5  # with the 4 already booked, never more than the original 10 places: only the trainer's save can overbook


def lower_capacity_call(base: str, trainer, workshop: Workshop):
    session = signed_in_session(trainer)
    first = workshop.sessions.get()
    data = admin_post_data(
        workshop.course_id,
        trainer.pk,
        title=workshop.title,
        capacity=str(NEW_CAPACITY),
        csrfmiddlewaretoken=CSRF,
        **{
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(first.pk),
            "sessions-0-starts_at": timezone.localtime(first.starts_at).strftime("%Y-%m-%d %H:%M"),
            "sessions-0-ends_at": timezone.localtime(first.ends_at).strftime("%Y-%m-%d %H:%M"),
        },
    )
    url = base + reverse("wagtailsnippets_workshops_workshop:edit", args=[workshop.pk])
    return lambda: session.post(url, data=data, allow_redirects=False, timeout=60).status_code


def race(burst_server: str, title: str) -> Workshop:
    trainer = MemberFactory(role=Role.TRAINER)
    workshop = make_workshop(capacity=10, title=title)
    workshop.trainers.add(trainer)
    for member in MemberFactory.create_batch(ALREADY_CONFIRMED):
        booking_create(member=member, workshop_id=workshop.pk)
    calls = [book_call(burst_server, signed_in_session(m), workshop) for m in MemberFactory.create_batch(BOOKERS)]
    statuses = all_at_once([lower_capacity_call(burst_server, trainer, workshop), *calls])
    # The trainer's save is either done (302) or refused with the reason on the form (200); bookings redirect.
    assert statuses[0] in {200, 302} and statuses[1:] == [302] * BOOKERS
    workshop.refresh_from_db()
    return workshop


def confirmed(workshop: Workshop) -> int:
    return Booking.objects.filter(workshop=workshop, status=Booking.Status.CONFIRMED).count()


def test_control_with_the_lock_off_the_admin_save_overbooks(burst_server, settings):
    """Proves the test below can see the race: without the row lock (and with a pause between
    the form's count and its save) the trainer's lower capacity lands under bookings it did not see."""
    settings.WORKSHOPS_BOOKING_LOCK = False
    settings.WORKSHOPS_BOOKING_TEST_PAUSE_SECONDS = 0.3

    workshop = race(burst_server, "Lock off")

    assert workshop.capacity == NEW_CAPACITY
    assert confirmed(workshop) > workshop.capacity


def test_lowering_capacity_while_members_book_never_overbooks(burst_server, settings):
    settings.WORKSHOPS_BOOKING_TEST_PAUSE_SECONDS = 0.3  # the same pause: only the lock differs
    for round_number in range(3):
        workshop = race(burst_server, f"Round {round_number}")

        assert confirmed(workshop) <= workshop.capacity, f"round {round_number}"
        assert workshop.capacity in {NEW_CAPACITY, 10}
        assert Booking.objects.filter(workshop=workshop).count() == ALREADY_CONFIRMED + BOOKERS
