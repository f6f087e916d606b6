"""Reminders (queued to the outbox, checked again and sent), schedule changes, cancellation,
the register and the data kept about bookings."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from outbox.services import outbox_item_process
from tests.accounts.factories import MemberFactory
from tests.workshops.factories import attachment_text, make_workshop
from workshops.models import Attendance, Booking, Reminder, Workshop
from workshops.services import (
    WorkshopError,
    access_needs_purge,
    booking_cancel,
    booking_create,
    register_record,
    reminders_queue_due,
    workshop_cancel,
    workshop_saved,
)
from workshops.signals import attendance_recorded

pytestmark = pytest.mark.django_db


def test_due_reminders_are_sent_once_and_never_to_a_cancelled_booking(django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=5, starts_in=timedelta(days=10))
    staying, leaving = MemberFactory.create_batch(2)
    kept = booking_create(member=staying, workshop_id=workshop.pk)
    gone = booking_create(member=leaving, workshop_id=workshop.pk)
    booking_cancel(member=leaving, booking_id=gone.pk)
    mail.outbox.clear()

    eight_days_later = timezone.now() + timedelta(days=3, hours=1)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox hands them to the (eager) worker on commit
        assert reminders_queue_due(now=eight_days_later) == 1

    assert [m.to for m in mail.outbox] == [[staying.email]]
    assert mail.outbox[0].subject.startswith(f"Reminder: {workshop.title}")
    assert Reminder.objects.get(booking=kept, hours_before=168).sent_at is not None
    assert Reminder.objects.get(booking=kept, hours_before=24).sent_at is None  # not due yet
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue_due(now=eight_days_later) == 0
    assert len(mail.outbox) == 1


def test_a_reminder_is_checked_again_at_sending_time(django_capture_on_commit_callbacks):
    from outbox.models import OutboxItem

    workshop = make_workshop(capacity=5, starts_in=timedelta(days=10))
    booking = booking_create(member=MemberFactory(), workshop_id=workshop.pk)
    with django_capture_on_commit_callbacks(execute=False):
        assert reminders_queue_due(now=timezone.now() + timedelta(days=9, hours=1)) == 2
    # Cancelled behind the services' back (an administrator's fix in the database) while the reminders wait.
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
    mail.outbox.clear()

    for item in OutboxItem.objects.filter(kind="workshops.reminder"):
        outbox_item_process(item_id=item.pk)

    assert mail.outbox == []
    assert Reminder.objects.filter(booking=booking, skipped_at__isnull=False).count() == 2
    assert set(OutboxItem.objects.filter(kind="workshops.reminder").values_list("status", flat=True)) == {"skipped"}


def test_changing_a_session_sends_updated_invites_with_a_higher_sequence(django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=5, sessions=2)
    booking = booking_create(member=MemberFactory(), workshop_id=workshop.pk)
    workshop_saved(workshop_id=workshop.pk)  # the first save records what the invites say
    mail.outbox.clear()
    assert workshop_saved(workshop_id=workshop.pk) == 0  # nothing changed, nobody told

    session = workshop.sessions.order_by("starts_at").last()
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert workshop_saved(workshop_id=workshop.pk) == 1

    [message] = mail.outbox
    assert message.subject == f"Workshop times or place changed: {workshop.title}"
    invite = attachment_text(message)
    assert "METHOD:REQUEST" in invite and "SEQUENCE:1" in invite
    assert invite.count("BEGIN:VEVENT") == 2
    booking.refresh_from_db()
    assert booking.ics_sequence == 1


def test_cancelling_a_workshop_tells_everyone_and_cancels_the_invite(django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=1)
    confirmed, waiting = MemberFactory.create_batch(2)
    booking_create(member=confirmed, workshop_id=workshop.pk)
    booking_create(member=waiting, workshop_id=workshop.pk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert workshop_cancel(workshop_id=workshop.pk, reason="The venue flooded.") == 2

    assert Workshop.objects.get(pk=workshop.pk).state == Workshop.State.CANCELLED
    assert set(Booking.objects.values_list("status", flat=True)) == {"cancelled"}
    by_member = {m.to[0]: m for m in mail.outbox}
    assert "The venue flooded." in by_member[confirmed.email].body
    assert "METHOD:CANCEL" in attachment_text(by_member[confirmed.email])
    assert by_member[waiting.email].attachments == []
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
    with pytest.raises(WorkshopError, match="already cancelled"):
        workshop_cancel(workshop_id=workshop.pk)


def test_the_register_completes_the_workshop_and_sends_the_signal_once(django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=5, sessions=2, starts_in=-timedelta(days=8))
    trainer = MemberFactory(role=Role.TRAINER)
    came, missed = MemberFactory.create_batch(2)
    bookings = {m.pk: Booking.objects.create(member=m, workshop=workshop, status="confirmed") for m in (came, missed)}
    first, second = workshop.sessions.order_by("starts_at")
    received = []

    def listener(sender, attendances, **kwargs):
        received.extend(attendances)

    attendance_recorded.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            register_record(
                workshop_id=workshop.pk,
                session_id=first.pk,
                marks={bookings[came.pk].pk: True, bookings[missed.pk].pk: True},
                by=trainer,
            )
        assert received == []  # one session of two: not complete yet
        with django_capture_on_commit_callbacks(execute=True):
            register_record(
                workshop_id=workshop.pk,
                session_id=second.pk,
                marks={bookings[came.pk].pk: True, bookings[missed.pk].pk: False},
                by=trainer,
            )
        with django_capture_on_commit_callbacks(execute=True):  # saving the same register again
            register_record(
                workshop_id=workshop.pk, session_id=second.pk, marks={bookings[came.pk].pk: True}, by=trainer
            )
    finally:
        attendance_recorded.disconnect(listener)

    [achievement] = received
    assert achievement.member_id == came.pk and achievement.workshop_id == workshop.pk
    assert achievement.cpd_hours == workshop.cpd_hours
    assert Booking.objects.get(pk=bookings[came.pk].pk).status == Booking.Status.ATTENDED
    assert Booking.objects.get(pk=bookings[missed.pk].pk).status == Booking.Status.NO_SHOW
    assert Attendance.objects.count() == 4


def test_the_register_is_for_the_workshops_trainers_only(client):
    workshop = make_workshop(capacity=5, starts_in=-timedelta(hours=1))
    trainer, other_trainer = MemberFactory(role=Role.TRAINER), MemberFactory(role=Role.TRAINER)
    workshop.trainers.add(trainer)
    attendee = MemberFactory(full_name="Sam Attendee")
    booking = Booking.objects.create(member=attendee, workshop=workshop, status=Booking.Status.CONFIRMED)
    session = workshop.sessions.get()
    url = reverse("workshops:register", args=[workshop.pk, session.pk])

    client.force_login(other_trainer)
    assert client.get(url).status_code == 404
    assert client.post(url, {f"booking-{booking.pk}": "attended"}).status_code == 404
    assert client.get(reverse("workshops:manage", args=[workshop.pk])).status_code == 404
    assert client.get(reverse("workshops:bookings_csv", args=[workshop.pk])).status_code == 404

    client.force_login(trainer)
    assert "Sam Attendee" in client.get(url).content.decode()
    response = client.post(url, {f"booking-{booking.pk}": "maybe"}, follow=True)
    assert "Choose attended or did not attend" in response.content.decode()
    response = client.post(url, {f"booking-{booking.pk}": "attended"}, follow=True)
    assert "1 attendee(s) have now completed the workshop." in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.ATTENDED


def test_access_needs_are_for_trainers_and_deleted_after_the_workshop(client, settings):
    settings.WORKSHOPS_ACCESS_NEEDS_KEEP_DAYS = 14
    workshop = make_workshop(capacity=5, starts_in=-timedelta(days=20))
    trainer = MemberFactory(role=Role.TRAINER)
    workshop.trainers.add(trainer)
    attendee = MemberFactory()
    Booking.objects.create(
        member=attendee, workshop=workshop, status="confirmed", access_needs="=HYPERLINK(1)", dietary_needs="Vegan"
    )
    client.force_login(trainer)
    csv_text = client.get(reverse("workshops:bookings_csv", args=[workshop.pk])).content.decode()
    assert "'=HYPERLINK(1)" in csv_text  # a formula is neutralised for spreadsheets

    recent = make_workshop(capacity=5, starts_in=-timedelta(days=3), title="Recent")
    Booking.objects.create(member=attendee, workshop=recent, status="confirmed", access_needs="Hearing loop")

    assert access_needs_purge() == 1
    assert Booking.objects.get(workshop=workshop).access_needs == ""
    assert Booking.objects.get(workshop=workshop).dietary_needs == "Vegan"
    assert Booking.objects.get(workshop=recent).access_needs == "Hearing loop"


def test_dashboard_and_data_export_show_the_members_bookings(client):
    workshop = make_workshop(capacity=1)
    member = MemberFactory()
    booking = booking_create(member=member, workshop_id=workshop.pk, access_needs="Step-free")
    client.force_login(member)

    page = client.get("/account/").content.decode()
    assert "My bookings" in page and workshop.title in page
    assert reverse("workshops:booking_calendar", args=[booking.pk]) in page

    data = client.get("/account/data.json").json()
    [row] = data["workshop_bookings"] if "workshop_bookings" in data else data["sections"]["workshop_bookings"]
    assert row["access_needs"] == "Step-free" and row["status"] == "confirmed"


def test_trainers_message_attendees_and_cancel_from_their_page(client, django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=1)
    trainer = MemberFactory(role=Role.TRAINER)
    workshop.trainers.add(trainer)
    confirmed, waiting = MemberFactory.create_batch(2)
    booking_create(member=confirmed, workshop_id=workshop.pk)
    booking_create(member=waiting, workshop_id=workshop.pk)
    mail.outbox.clear()
    client.force_login(trainer)
    manage = reverse("workshops:manage", args=[workshop.pk])

    page = client.get(manage).content.decode()
    assert confirmed.email in page and waiting.email in page
    response = client.post(reverse("workshops:message", args=[workshop.pk]), {"subject": "", "body": "Hi"}, follow=True)
    assert "Write a subject and a message." in response.content.decode()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workshops:message", args=[workshop.pk]),
            {"subject": "Parking", "body": "Use the car park on Mount Street."},
            follow=True,
        )
    assert "on its way to 1 confirmed attendee(s)" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [confirmed.email] and "Mount Street" in message.body

    response = client.post(reverse("workshops:cancel", args=[workshop.pk]), {"reason": "Flood"}, follow=True)
    assert "Tick the box to confirm" in response.content.decode()
    assert Workshop.objects.get(pk=workshop.pk).state == Workshop.State.PUBLISHED
    response = client.post(
        reverse("workshops:cancel", args=[workshop.pk]), {"reason": "Flood", "confirm": "on"}, follow=True
    )
    assert "The workshop is cancelled; 2 member(s) are being told." in response.content.decode()
