"""Calendar invites and the public feed, as pure functions over plain data.

Times are written in UTC (the `Z` form), which every calendar converts to
the reader's zone; the sessions themselves are entered and shown in
Europe/London.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//i-HOP learning//Workshops//EN"
ORGANIZER_EMAIL = "learning@i-hop.example"


@dataclass(frozen=True)
class InviteSession:
    uid: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Invite:
    method: str  # "REQUEST" or "CANCEL"
    sequence: int
    title: str
    description: str
    location: str
    url: str
    attendee_email: str
    attendee_name: str
    sessions: Sequence[InviteSession]
    stamp: datetime


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def invite_build(invite: Invite) -> bytes:
    """An iTIP invite (METHOD REQUEST or CANCEL): one VEVENT per session,
    each with a stable UID and the booking's SEQUENCE."""
    if invite.method not in {"REQUEST", "CANCEL"}:
        raise ValueError(f"unsupported method {invite.method!r}")
    calendar = _calendar(invite.method)
    for session in invite.sessions:
        event = Event()
        event.add("uid", session.uid)
        event.add("sequence", invite.sequence)
        event.add("dtstamp", invite.stamp.astimezone(UTC))
        event.add("dtstart", session.starts_at.astimezone(UTC))
        event.add("dtend", session.ends_at.astimezone(UTC))
        event.add("summary", invite.title)
        event.add("description", invite.description)
        event.add("location", invite.location)
        if invite.url:
            event.add("url", invite.url)
        organizer = vCalAddress(f"mailto:{ORGANIZER_EMAIL}")
        organizer.params["cn"] = vText("i-HOP learning")
        event.add("organizer", organizer)
        attendee = vCalAddress(f"mailto:{invite.attendee_email}")
        attendee.params["cn"] = vText(invite.attendee_name or invite.attendee_email)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee)
        if invite.method == "CANCEL":
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    title: str
    description: str
    location: str
    url: str
    starts_at: datetime
    ends_at: datetime


def feed_build(events: Iterable[FeedEvent], *, stamp: datetime) -> bytes:
    """A published calendar (no METHOD): one VEVENT per session of each published workshop."""
    calendar = _calendar(None)
    calendar.add("x-wr-calname", "i-HOP workshops")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", item.starts_at.astimezone(UTC))
        event.add("dtend", item.ends_at.astimezone(UTC))
        event.add("summary", item.title)
        event.add("description", item.description)
        event.add("location", item.location)
        event.add("url", item.url)
        calendar.add_component(event)
    return calendar.to_ical()
