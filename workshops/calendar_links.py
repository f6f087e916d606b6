"""Add-to-calendar links and the venue's map search, beside the .ics invite.

Most learners book on a work laptop or phone whose calendar is Outlook (work or
school), Outlook.com or Google; each of those opens a prefilled new event from a
documented URL, one per session. Apple Calendar and everything else takes the
.ics file, which also carries updates and cancellations (these links cannot).
The joining link of an online workshop is never put in a link to another
service: it stays on the workshop page, which the event's details point to.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from workshops.models import Session, Workshop

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_WORK = "https://outlook.office.com/calendar/0/action/compose"
OUTLOOK_PERSONAL = "https://outlook.live.com/calendar/0/action/compose"
MAP_SEARCH = "https://www.google.com/maps/search/"


@dataclass(frozen=True)
class SessionCalendarLinks:
    session: Session
    google: str
    outlook_work: str
    outlook_personal: str


def _google_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _outlook_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def session_calendar_links(workshop: Workshop, sessions: list[Session], *, page_url: str) -> list[SessionCalendarLinks]:
    """One set of links per session; the title says which session it is when there are several."""
    links = []
    details = f"{workshop.summary}\n\nWorkshop page: {page_url}".strip()
    for number, session in enumerate(sessions, start=1):
        title = workshop.title if len(sessions) == 1 else f"{workshop.title} (session {number} of {len(sessions)})"
        google = {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{_google_time(session.starts_at)}/{_google_time(session.ends_at)}",
            "details": details,
            "location": workshop.location_text,
        }
        outlook = {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": title,
            "startdt": _outlook_time(session.starts_at),
            "enddt": _outlook_time(session.ends_at),
            "body": details,
            "location": workshop.location_text,
        }
        links.append(
            SessionCalendarLinks(
                session=session,
                google=f"{GOOGLE}?{urlencode(google)}",
                outlook_work=f"{OUTLOOK_WORK}?{urlencode(outlook)}",
                outlook_personal=f"{OUTLOOK_PERSONAL}?{urlencode(outlook)}",
            )
        )
    return links


def venue_map_link(workshop: Workshop) -> str:
    """The trainer's own map link if they gave one, else a map search of the venue's address."""
    if workshop.is_online:
        return ""
    if workshop.map_link:
        return workshop.map_link
    address = ", ".join(part for part in [workshop.venue_address.replace("\n", ", "), workshop.venue_postcode] if part)
    return f"{MAP_SEARCH}?{urlencode({'api': '1', 'query': address})}" if address else ""
