"""Email messages about bookings, each with its calendar invite when it has one.

Builders only: services queue them with `email_queue_on_commit`; the
reminder sender sends them itself (it must know when the SMTP server took it).
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from workshops.ics import Invite, InviteSession, invite_build
from workshops.models import Booking, Session, Workshop

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
