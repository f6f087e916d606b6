"""Demo workshops across the regions on the demo course (idempotent: found by title)."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.models import CoursePage
from workshops.models import Session, Workshop
from workshops.services import workshop_saved

DEMO_WORKSHOPS: list[dict[str, Any]] = [
    {
        "title": "Supporting children of prisoners: Manchester",
        "region": "north_west",
        "delivery": Workshop.Delivery.IN_PERSON,
        "venue_name": "Friends Meeting House",
        "venue_address": "6 Mount Street\nManchester",
        "venue_postcode": "M2 5NS",
        "access_info": "Step-free entrance on Mount Street; hearing loop in every room.",
        "map_link": "https://www.openstreetmap.org/search?query=M2%205NS",
        "capacity": 24,
        "weeks_ahead": 3,
        "sessions": 1,
    },
    {
        "title": "Supporting children of prisoners: Leeds (two mornings)",
        "region": "yorkshire",
        "delivery": Workshop.Delivery.IN_PERSON,
        "venue_name": "Leeds Civic Hall",
        "venue_address": "Calverley Street\nLeeds",
        "venue_postcode": "LS1 1UR",
        "access_info": "Lift to all floors; accessible toilets on the ground floor.",
        "map_link": "https://www.openstreetmap.org/search?query=LS1%201UR",
        "capacity": 16,
        "weeks_ahead": 5,
        "sessions": 2,
    },
    {
        "title": "Supporting children of prisoners: online for London and the South East",
        "region": "london",
        "delivery": Workshop.Delivery.ONLINE,
        "joining_link": "https://meet.example.org/ihop-london",
        "capacity": 40,
        "weeks_ahead": 2,
        "sessions": 1,
    },
    {
        "title": "Supporting children of prisoners: Cardiff",
        "region": "wales",
        "delivery": Workshop.Delivery.IN_PERSON,
        "venue_name": "Temple of Peace",
        "venue_address": "King Edward VII Avenue\nCardiff",
        "venue_postcode": "CF10 3AP",
        "access_info": "Ramp at the side entrance.",
        "map_link": "https://www.openstreetmap.org/search?query=CF10%203AP",
        "capacity": 20,
        "weeks_ahead": 6,
        "sessions": 1,
    },
]


@transaction.atomic
def demo_workshops_seed() -> list[Workshop]:
    course = CoursePage.objects.live().order_by("pk").first()
    if course is None:
        return []
    trainer = User.objects.filter(email="trainer@example.org").first()
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    workshops = []
    for spec in DEMO_WORKSHOPS:
        workshop = Workshop.objects.filter(title=spec["title"]).first()
        if workshop is None:
            first_day = today + timedelta(weeks=int(spec["weeks_ahead"]))
            first_start = datetime.combine(first_day, time(9, 30), tzinfo=zone)
            fields = {key: value for key, value in spec.items() if key not in {"weeks_ahead", "sessions"}}
            workshop = Workshop.objects.create(
                course=course,
                summary=(
                    "A practical day for professionals: what children experience from arrest to release, "
                    "how to start a conversation, and where families can find support."
                ),
                audience_sectors=["education", "health", "social_care"],
                booking_opens_at=timezone.now() - timedelta(days=1),
                booking_closes_at=first_start - timedelta(days=1),
                cancellation_deadline=first_start - timedelta(days=2),
                cpd_hours=Decimal("3.0"),
                state=Workshop.State.PUBLISHED,
                **fields,
            )
            for number in range(int(spec["sessions"])):
                start = first_start + timedelta(days=7 * number)
                Session.objects.create(
                    workshop=workshop, starts_at=start, ends_at=start + timedelta(hours=3), sort_order=number
                )
            if trainer:
                workshop.trainers.add(trainer)
            workshop_saved(workshop_id=workshop.pk)
        workshops.append(workshop)
    return workshops
