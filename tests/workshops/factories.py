"""Builders for workshops: a published workshop with sessions, open for booking."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from courses.models import CoursePage
from tests.courses.factories import make_course
from workshops.models import Session, Workshop


def a_course() -> CoursePage:
    return CoursePage.objects.live().first() or make_course(title="Supporting children of prisoners", modules=1)


def make_workshop(
    *,
    capacity: int = 10,
    state: str = Workshop.State.PUBLISHED,
    starts_in: timedelta = timedelta(days=10),
    sessions: int = 1,
    region: str = "north_west",
    delivery: str = Workshop.Delivery.IN_PERSON,
    title: str = "Supporting children of prisoners: Manchester",
    course: CoursePage | None = None,
    opens_ago: timedelta = timedelta(days=1),
    closes_before_start: timedelta = timedelta(hours=1),
    cancel_before_start: timedelta = timedelta(days=2),
) -> Workshop:
    now = timezone.now()
    first_start = (now + starts_in).replace(microsecond=0)
    workshop = Workshop.objects.create(
        course=course or a_course(),
        title=title,
        summary="A day on what children face when a parent is imprisoned.",
        audience_sectors=["education", "health"],
        region=region,
        delivery=delivery,
        venue_name="Friends Meeting House",
        venue_address="6 Mount Street\nManchester",
        venue_postcode="M2 5NS",
        access_info="Step-free access; hearing loop.",
        map_link="https://www.openstreetmap.org/",
        joining_link="https://meet.example.org/ihop" if delivery == Workshop.Delivery.ONLINE else "",
        capacity=capacity,
        booking_opens_at=now - opens_ago,
        booking_closes_at=first_start - closes_before_start,
        cancellation_deadline=first_start - cancel_before_start,
        cpd_hours=Decimal("3.0"),
        state=state,
    )
    for number in range(sessions):
        start = first_start + timedelta(days=7 * number)
        Session.objects.create(
            workshop=workshop, starts_at=start, ends_at=start + timedelta(hours=3), sort_order=number
        )
    return workshop


def session_times(workshop: Workshop) -> list[tuple[datetime, datetime]]:
    return list(workshop.sessions.order_by("starts_at").values_list("starts_at", "ends_at"))


def attachment_text(message: object, name: str = "invite.ics") -> str:
    """An attachment of a sent message, as text (mail sent through the task arrives decoded)."""
    for filename, content, _mimetype in message.attachments:  # type: ignore[attr-defined]
        if filename == name:
            return content.decode() if isinstance(content, bytes) else str(content)
    raise AssertionError(f"no attachment {name!r}")
