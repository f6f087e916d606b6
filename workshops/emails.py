"""Email messages about bookings, each with its calendar invite when it has one.

Services queue them in the outbox (`booking_email_queue`, in the transaction
that changes the booking); the outbox renders them in the worker at send
time (`booking_email_render`), building the invite from the database with
the SEQUENCE the change gave it. The payload carries ids and the few values
that describe the change itself.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from outbox.services import outbox_enqueue
from workshops.calendar_links import session_calendar_links, venue_map_link
from workshops.ics import Invite, InviteSession, invite_build
from workshops.models import Booking, Session, Workshop

BOOKING_EMAIL_KIND = "workshops.booking_email"
TRAINER_MESSAGE_KIND = "workshops.trainer_message"
REMINDER_KIND = "workshops.reminder"
# A booking gets one confirmation: when it is booked, or when it is promoted from the waiting list.
CONFIRMATION_KINDS = {"confirmed", "promoted"}
# The messages about a place the member holds, which offer add-to-calendar links.
CALENDAR_KINDS = {"confirmed", "promoted", "updated", "reminder"}

SUBJECTS = {
    "confirmed": "Your place is booked: {title}",
    "waitlisted": "You are on the waiting list: {title}",
    "promoted": "A place came up and it is yours: {title}",
    "cancelled": "Your booking is cancelled: {title}",
    "left_waitlist": "You have left the waiting list: {title}",
    "workshop_cancelled": "Workshop cancelled: {title}",
    "updated": "Workshop times or place changed: {title}",
    "reminder": "Reminder: {title} starts {when}",
}


def workshop_url(workshop: Workshop) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("workshops:detail", args=[workshop.pk])


def invite_for(
    booking: Booking, sessions: Sequence[Session], *, method: str = "REQUEST", workshop: Workshop | None = None
) -> bytes:
    workshop = workshop or booking.workshop
    return invite_build(
        Invite(
            method=method,
            sequence=booking.ics_sequence,
            title=workshop.title,
            description=f"{workshop.summary}\n\n{workshop_url(workshop)}",
            location=workshop.location_text,
            url=workshop_url(workshop),
            attendee_email=booking.member.email,
            attendee_name=booking.member.full_name,
            sessions=[InviteSession(booking.invite_uid(s.pk), s.starts_at, s.ends_at) for s in sessions],
            stamp=timezone.now(),
        )
    )


def booking_message(
    kind: str,
    booking: Booking,
    sessions: Sequence[Session],
    *,
    invite_method: str | None = None,
    extra: str = "",
    position: int | None = None,
    hours_before: int | None = None,
) -> EmailMessage:
    """The email of `kind` about `booking`, with an .ics invite when `invite_method` is given."""
    workshop = booking.workshop
    when = ""
    if sessions:
        first = timezone.localtime(sessions[0].starts_at)
        when = "tomorrow" if hours_before is not None and hours_before <= 36 else f"on {first:%A %-d %B}"
    context = {
        "kind": kind,
        "booking": booking,
        "member": booking.member,
        "workshop": workshop,
        "sessions": [(timezone.localtime(s.starts_at), timezone.localtime(s.ends_at)) for s in sessions],
        "url": workshop_url(workshop),
        "extra": extra,
        "position": position,
        "dashboard_url": settings.SITE_URL.rstrip("/") + "/account/",
        "map_link": venue_map_link(workshop),
        # Only where the booking stands: a cancellation's links would add the event back.
        "calendar_links": session_calendar_links(workshop, list(sessions), page_url=workshop_url(workshop))
        if kind in CALENDAR_KINDS
        else [],
    }
    message = EmailMessage(
        subject=SUBJECTS[kind].format(title=workshop.title, when=when),
        body=render_to_string("workshops/email/booking.txt", context),
        to=[booking.member.email],
    )
    if invite_method:
        message.attach(
            "invite.ics",
            invite_for(booking, sessions, method=invite_method),
            f"text/calendar; charset=utf-8; method={invite_method}",
        )
    return message


def attendees_message(workshop: Workshop, booking: Booking, *, subject: str, body: str) -> EmailMessage:
    context = {"workshop": workshop, "member": booking.member, "body": body, "url": workshop_url(workshop)}
    return EmailMessage(
        subject=f"{subject} ({workshop.title})",
        body=render_to_string("workshops/email/trainer_message.txt", context),
        to=[booking.member.email],
    )


def booking_email_key(kind: str, booking: Booking) -> str:
    """One email of each kind per booking; an updated invite once per SEQUENCE."""
    if kind in CONFIRMATION_KINDS:
        return f"booking:{booking.pk}:confirmation"
    if kind == "updated":
        return f"booking:{booking.pk}:updated:{booking.ics_sequence}"
    return f"booking:{booking.pk}:{kind}"


def booking_email_entry(
    kind: str,
    booking: Booking,
    *,
    invite_method: str | None = None,
    extra: str = "",
    position: int | None = None,
    removed_sessions: Sequence[Session] = (),
) -> tuple[str, dict[str, Any]]:
    """The outbox key and payload of the email of `kind` about `booking`."""
    return booking_email_key(kind, booking), {
        "booking_id": booking.pk,
        "email": kind,
        "sequence": booking.ics_sequence,
        "invite_method": invite_method,
        "extra": extra,
        "position": position,
        "removed_sessions": [[s.pk, s.starts_at.isoformat(), s.ends_at.isoformat()] for s in removed_sessions],
    }


def booking_email_queue(
    kind: str,
    booking: Booking,
    *,
    invite_method: str | None = None,
    extra: str = "",
    position: int | None = None,
    removed_sessions: Sequence[Session] = (),
) -> None:
    """Queue the email of `kind` about `booking` in the current transaction."""
    key, payload = booking_email_entry(
        kind, booking, invite_method=invite_method, extra=extra, position=position, removed_sessions=removed_sessions
    )
    outbox_enqueue(kind=BOOKING_EMAIL_KIND, key=key, payload=payload)


def booking_email_render(payload: dict[str, Any]) -> EmailMessage | None:
    """The outbox's renderer; None once the booking is gone (an erased member)."""
    booking = Booking.objects.select_related("member", "workshop").filter(pk=payload["booking_id"]).first()
    if booking is None:
        return None
    kind = payload["email"]
    # The invite says what it said at the change, even if a later change raised the SEQUENCE again.
    booking.ics_sequence = payload["sequence"]
    sessions = [] if kind == "left_waitlist" else list(Session.objects.filter(workshop_id=booking.workshop_id))
    message = booking_message(
        kind,
        booking,
        sessions,
        invite_method=payload["invite_method"],
        extra=payload["extra"],
        position=payload["position"],
    )
    removed = [
        Session(pk=pk, starts_at=datetime.fromisoformat(start), ends_at=datetime.fromisoformat(end))
        for pk, start, end in payload["removed_sessions"]
    ]
    if removed:
        message.attach(
            "removed-sessions.ics",
            invite_for(booking, removed, method="CANCEL"),
            "text/calendar; charset=utf-8; method=CANCEL",
        )
    return message


def trainer_message_queue(workshop: Workshop, booking: Booking, *, subject: str, body: str, sent_id: uuid.UUID) -> None:
    outbox_enqueue(
        kind=TRAINER_MESSAGE_KIND,
        key=f"workshop:{workshop.pk}:message:{sent_id}:booking:{booking.pk}",
        payload={"booking_id": booking.pk, "subject": subject, "body": body},
    )


def trainer_message_render(payload: dict[str, Any]) -> EmailMessage | None:
    booking = Booking.objects.select_related("member", "workshop").filter(pk=payload["booking_id"]).first()
    if booking is None:
        return None
    return attendees_message(booking.workshop, booking, subject=payload["subject"], body=payload["body"])
