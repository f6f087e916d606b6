"""Booking, cancelling and the waiting list, through the services and the pages."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import MemberFactory
from tests.workshops.factories import attachment_text, make_workshop
from workshops.models import Booking, Reminder, Workshop
from workshops.services import (
    WorkshopError,
    booking_cancel,
    booking_create,
    waitlist_leave,
    waitlist_position,
    workshop_capacity_set,
)

pytestmark = pytest.mark.django_db


def invite_of(message) -> str:
    return attachment_text(message)


def test_booking_confirms_until_full_then_waitlists_in_order(django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=2)
    members = MemberFactory.create_batch(4)
    with django_capture_on_commit_callbacks(execute=True):
        bookings = [booking_create(member=m, workshop_id=workshop.pk) for m in members]

    assert [b.status for b in bookings] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [waitlist_position(b) for b in bookings[2:]] == [1, 2]
    subjects = [m.subject for m in mail.outbox]
    assert subjects.count(f"Your place is booked: {workshop.title}") == 2
    assert subjects.count(f"You are on the waiting list: {workshop.title}") == 2
    invite = invite_of(mail.outbox[0])
    assert "METHOD:REQUEST" in invite
    assert f"UID:workshop-{workshop.pk}-session-" in invite
    assert "SEQUENCE:0" in invite
    assert "position 2" in mail.outbox[3].body
    assert Reminder.objects.filter(booking=bookings[0]).count() == 2  # 7 days and 1 day before


def test_cancelling_gives_the_place_to_the_first_on_the_waiting_list(django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    mine = booking_create(member=first, workshop_id=workshop.pk)
    waiting = booking_create(member=second, workshop_id=workshop.pk)
    booking_create(member=third, workshop_id=workshop.pk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(member=first, booking_id=mine.pk)

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED and waiting.promoted_at is not None
    assert Booking.objects.filter(workshop=workshop, status="confirmed").count() == 1
    [cancelled, promoted] = sorted(mail.outbox, key=lambda m: m.to[0] != first.email)
    assert cancelled.to == [first.email]
    assert "METHOD:CANCEL" in invite_of(cancelled) and "SEQUENCE:1" in invite_of(cancelled)
    assert promoted.to == [second.email]
    assert promoted.subject == f"A place came up and it is yours: {workshop.title}"
    assert "METHOD:REQUEST" in invite_of(promoted)
    assert not Reminder.objects.filter(booking=mine).exists()
    assert Reminder.objects.filter(booking=waiting).count() == 2


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"state": Workshop.State.DRAFT}, "This workshop is not open for booking yet."),
        ({"state": Workshop.State.CANCELLED}, "This workshop has been cancelled, so it cannot be booked."),
        (
            {"starts_in": -timedelta(days=1)},
            "This workshop has already started or taken place, so it cannot be booked.",
        ),
        ({"closes_before_start": timedelta(days=20)}, "Booking for this workshop has closed."),
        ({"opens_ago": -timedelta(days=1)}, "Booking opens on"),
    ],
)
def test_a_workshop_that_cannot_be_booked_says_why_and_changes_nothing(change, expected):
    workshop = make_workshop(**change)
    member = MemberFactory()
    with pytest.raises(WorkshopError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        booking_create(member=member, workshop_id=workshop.pk)
    assert not Booking.objects.exists()
    assert mail.outbox == []


def test_booking_twice_is_refused_with_the_current_state():
    workshop = make_workshop(capacity=1)
    first, second = MemberFactory.create_batch(2)
    booking_create(member=first, workshop_id=workshop.pk)
    booking_create(member=second, workshop_id=workshop.pk)

    with pytest.raises(WorkshopError, match=re.escape("You already have a place on this workshop.")):
        booking_create(member=first, workshop_id=workshop.pk)
    with pytest.raises(WorkshopError, match=r"You are already on the waiting list \(position 1\)."):
        booking_create(member=second, workshop_id=workshop.pk)
    assert Booking.objects.count() == 2


def test_cancelling_after_the_deadline_or_someone_elses_booking_is_refused():
    workshop = make_workshop(capacity=5, starts_in=timedelta(days=1), cancel_before_start=timedelta(days=2))
    owner, stranger = MemberFactory.create_batch(2)
    booking = booking_create(member=owner, workshop_id=workshop.pk)

    with pytest.raises(WorkshopError, match="does not exist or is not yours"):
        booking_cancel(member=stranger, booking_id=booking.pk)
    with pytest.raises(WorkshopError, match=re.escape("The cancellation deadline for this workshop has passed.")):
        booking_cancel(member=owner, booking_id=booking.pk)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_leaving_the_waiting_list_moves_the_others_up():
    workshop = make_workshop(capacity=1)
    members = MemberFactory.create_batch(3)
    bookings = [booking_create(member=m, workshop_id=workshop.pk) for m in members]

    with pytest.raises(WorkshopError, match="You are not on the waiting list"):
        waitlist_leave(member=members[0], booking_id=bookings[0].pk)
    waitlist_leave(member=members[1], booking_id=bookings[1].pk)

    assert waitlist_position(bookings[2]) == 1
    # Leaving frees no place: the confirmed member keeps it.
    assert Booking.objects.get(pk=bookings[0].pk).status == Booking.Status.CONFIRMED


def test_capacity_cannot_go_below_the_confirmed_count_and_a_rise_promotes():
    workshop = make_workshop(capacity=2)
    bookings = [booking_create(member=m, workshop_id=workshop.pk) for m in MemberFactory.create_batch(3)]

    with pytest.raises(WorkshopError, match=re.escape("capacity cannot go below 2.")):
        workshop_capacity_set(workshop_id=workshop.pk, capacity=1)
    assert Workshop.objects.get(pk=workshop.pk).capacity == 2

    workshop_capacity_set(workshop_id=workshop.pk, capacity=3)
    assert Booking.objects.get(pk=bookings[2].pk).status == Booking.Status.CONFIRMED


def test_booking_page_flow(client):
    workshop = make_workshop(capacity=1)
    member, other = MemberFactory.create_batch(2)
    client.force_login(member)

    response = client.post(
        reverse("workshops:book", args=[workshop.pk]),
        {"access_needs": "Wheelchair user", "dietary_needs": ""},
        follow=True,
    )
    assert "Your place is booked." in response.content.decode()
    assert "Cancel my place" in response.content.decode()
    booking = Booking.objects.get(member=member)
    assert booking.access_needs == "Wheelchair user"

    response = client.get(reverse("workshops:booking_calendar", args=[booking.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content

    client.force_login(other)
    assert client.get(reverse("workshops:booking_calendar", args=[booking.pk])).status_code == 404
    response = client.post(reverse("workshops:booking_cancel", args=[booking.pk]), follow=True)
    assert "That booking does not exist or is not yours." in response.content.decode()
    response = client.post(reverse("workshops:book", args=[workshop.pk]), follow=True)
    assert "waiting list at position 1" in response.content.decode()
    assert "Leave the waiting list" in response.content.decode()


def test_drafts_are_invisible_to_members_and_anonymous_visitors(client):
    workshop = make_workshop(state=Workshop.State.DRAFT)
    assert client.get(reverse("workshops:detail", args=[workshop.pk])).status_code == 404
    client.force_login(MemberFactory())
    assert client.get(reverse("workshops:detail", args=[workshop.pk])).status_code == 404
    assert client.post(reverse("workshops:book", args=[workshop.pk])).status_code == 404
    assert not Booking.objects.exists()


def test_booked_answers_too_long_are_refused(client):
    workshop = make_workshop()
    client.force_login(MemberFactory())
    response = client.post(reverse("workshops:book", args=[workshop.pk]), {"access_needs": "x" * 1001}, follow=True)
    assert "Keep access needs under 1,000 characters" in response.content.decode()
    assert not Booking.objects.exists()
