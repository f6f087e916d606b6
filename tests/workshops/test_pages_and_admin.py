"""The workshop list, the public feed, the calendar invites and the Wagtail admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.choices import Role
from tests.accounts.factories import MemberFactory
from tests.workshops.factories import make_workshop
from workshops.models import Booking, Session, Workshop
from workshops.services import booking_create

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [card.workshop.title for card in response.context["cards"]]


def test_the_list_shows_upcoming_published_workshops_with_the_members_region_first(client):
    make_workshop(title="London soon", region="london", starts_in=timedelta(days=3))
    make_workshop(title="Wales later", region="wales", starts_in=timedelta(days=9))
    make_workshop(title="Wales draft", region="wales", state=Workshop.State.DRAFT)
    make_workshop(title="Wales past", region="wales", starts_in=-timedelta(days=2))
    full = make_workshop(title="Wales full", region="wales", capacity=1, starts_in=timedelta(days=20))
    booking_create(member=MemberFactory(), workshop_id=full.pk)

    assert titles(client.get("/workshops/")) == ["London soon", "Wales later", "Wales full"]

    client.force_login(MemberFactory(region="wales"))
    response = client.get("/workshops/")
    assert titles(response) == ["Wales later", "Wales full", "London soon"]
    page = response.content.decode()
    assert "Wales (your region)" in page or "(your region)" in page
    assert "Full: join the waiting list" in page and "10 places left" in page


def test_the_list_filters_and_explains_bad_filters(client):
    make_workshop(title="London online", region="london", delivery=Workshop.Delivery.ONLINE)
    make_workshop(title="Wales in person", region="wales", starts_in=timedelta(days=30))

    assert titles(client.get("/workshops/", {"region": "wales"})) == ["Wales in person"]
    assert titles(client.get("/workshops/", {"delivery": "online"})) == ["London online"]
    later = (timezone.localdate() + timedelta(days=20)).isoformat()
    assert titles(client.get("/workshops/", {"date_from": later})) == ["Wales in person"]

    response = client.get("/workshops/", {"region": "atlantis", "date_from": "yesterday"})
    assert "Some filters could not be used" in response.content.decode()
    assert len(titles(response)) == 2


def test_the_dates_are_typed_as_day_month_and_year(client):
    make_workshop(title="London online", region="london", delivery=Workshop.Delivery.ONLINE)
    make_workshop(title="Wales in person", region="wales", starts_in=timedelta(days=30))
    later = timezone.localdate() + timedelta(days=20)

    page = client.get("/workshops/").content.decode()
    chosen = client.get(
        "/workshops/", {"date_from_day": later.day, "date_from_month": later.month, "date_from_year": later.year}
    )
    wrong = client.get("/workshops/", {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2030"})

    assert 'type="date"' not in page, "no browser date picker"
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">From (optional)</legend>' in page
    for part, label in (("day", "Day"), ("month", "Month"), ("year", "Year")):
        assert f'<label class="govuk-label govuk-date-input__label" for="id_date_from_{part}">{label}</label>' in page
        assert f'name="date_from_{part}"' in page
    assert titles(chosen) == ["Wales in person"]
    assert f'name="date_from_day" value="{later.day}"' in chosen.content.decode(), "what was typed stays"
    assert len(titles(wrong)) == 2
    wrong_page = wrong.content.decode()
    assert '<a href="#id_date_from_day">Enter a real date, with a 4-digit year, like 3 11 2025.</a>' in wrong_page
    assert 'name="date_from_month" value="2"' in wrong_page and "govuk-input--error" in wrong_page


def test_the_list_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    for number in range(3):
        make_workshop(title=f"Workshop {number}", sessions=2)
    client.get("/workshops/")  # warm the site cache
    with django_assert_num_queries(3):  # courses for the filter, workshops, their sessions
        response = client.get("/workshops/")
    assert len(response.context["cards"]) == 3
    for number in range(3, 8):
        make_workshop(title=f"Workshop {number}", sessions=3)
    with django_assert_num_queries(3):
        response = client.get("/workshops/")
    assert len(response.context["cards"]) == 8


def test_the_public_feed_lists_each_session_of_published_workshops(client):
    published = make_workshop(title="In the feed", sessions=2)
    make_workshop(title="Draft, not in the feed", state=Workshop.State.DRAFT)

    response = client.get(reverse("workshops:feed"))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(event["SUMMARY"]) for event in events] == ["In the feed", "In the feed"]
    assert {str(event["UID"]) for event in events} == {
        f"workshop-{published.pk}-session-{s.pk}@i-hop.example" for s in published.sessions.all()
    }
    assert "METHOD" not in calendar


def test_the_invite_is_a_valid_icalendar_request_with_stable_uids(client):
    workshop = make_workshop(sessions=2)
    member = MemberFactory()
    booking = booking_create(member=member, workshop_id=workshop.pk)
    client.force_login(member)

    first = Calendar.from_ical(client.get(reverse("workshops:booking_calendar", args=[booking.pk])).content)
    second = Calendar.from_ical(client.get(reverse("workshops:booking_calendar", args=[booking.pk])).content)

    assert str(first["METHOD"]) == "REQUEST"
    events = list(first.walk("VEVENT"))
    assert len(events) == 2
    assert [str(e["UID"]) for e in events] == [str(e["UID"]) for e in second.walk("VEVENT")]
    sessions = list(workshop.sessions.order_by("starts_at"))
    assert [e.decoded("DTSTART") for e in events] == [s.starts_at for s in sessions]
    assert str(events[0]["ATTENDEE"]) == f"mailto:{member.email}"


def test_the_joining_link_shows_only_to_confirmed_attendees_near_the_time(client):
    workshop = make_workshop(delivery=Workshop.Delivery.ONLINE, starts_in=timedelta(minutes=30), capacity=1)
    workshop.booking_closes_at = timezone.now() + timedelta(minutes=20)
    workshop.save()
    attendee, waiting = MemberFactory.create_batch(2)
    booking_create(member=attendee, workshop_id=workshop.pk)
    booking_create(member=waiting, workshop_id=workshop.pk)
    url = reverse("workshops:detail", args=[workshop.pk])

    assert workshop.joining_link not in client.get(url).content.decode()
    client.force_login(waiting)
    assert workshop.joining_link not in client.get(url).content.decode()
    client.force_login(attendee)
    assert workshop.joining_link in client.get(url).content.decode()

    Session.objects.filter(workshop=workshop).update(
        starts_at=timezone.now() + timedelta(days=2), ends_at=timezone.now() + timedelta(days=2, hours=2)
    )
    assert workshop.joining_link not in client.get(url).content.decode()


def admin_post_data(workshop_course_id: int, trainer_id: int, **overrides) -> dict[str, str]:
    start = (timezone.localtime() + timedelta(days=14)).replace(hour=10, minute=0, second=0, microsecond=0)
    data = {
        "course": str(workshop_course_id),
        "title": "Workshop from the admin",
        "summary": "What children face.",
        "audience_sectors": ["education"],
        "region": "london",
        "delivery": "in_person",
        "venue_name": "Hall",
        "venue_address": "1 Road",
        "venue_postcode": "E1 1AA",
        "access_info": "",
        "map_link": "",
        "joining_link": "",
        "capacity": "20",
        "booking_opens_at": (start - timedelta(days=30)).strftime("%Y-%m-%d %H:%M"),
        "booking_closes_at": (start - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "cancellation_deadline": (start - timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
        "trainers": [str(trainer_id)],
        "cpd_hours": "3",
        "state": "published",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "sessions-0-ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "sessions-0-ORDER": "1",
        "sessions-0-id": "",
    }
    data.update(overrides)
    return data


def test_a_trainer_adds_a_workshop_in_the_admin_and_bad_input_is_refused(client):
    from tests.workshops.factories import a_course

    trainer = MemberFactory(role=Role.TRAINER)
    client.force_login(trainer)
    course = a_course()
    add_url = reverse("wagtailsnippets_workshops_workshop:add")

    good = admin_post_data(course.pk, trainer.pk)
    bad = {**good, "sessions-0-ends_at": good["sessions-0-starts_at"]}
    response = client.post(add_url, bad)
    assert response.status_code == 200
    assert "A session must end after it starts." in response.content.decode()
    assert not Workshop.objects.exists()

    response = client.post(add_url, admin_post_data(course.pk, trainer.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    workshop = Workshop.objects.get()
    assert workshop.sessions.count() == 1 and workshop.state == "published"
    assert list(workshop.trainers.all()) == [trainer]

    for member in MemberFactory.create_batch(3):
        booking_create(member=member, workshop_id=workshop.pk)
    edit_url = reverse("wagtailsnippets_workshops_workshop:edit", args=[workshop.pk])
    session = workshop.sessions.get()
    edit = admin_post_data(
        course.pk,
        trainer.pk,
        capacity="2",
        **{
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(session.pk),
            "sessions-0-starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
            "sessions-0-ends_at": timezone.localtime(session.ends_at).strftime("%Y-%m-%d %H:%M"),
        },
    )
    response = client.post(edit_url, edit)
    assert "3 places are already confirmed, so capacity cannot go below 3." in response.content.decode()
    assert Workshop.objects.get().capacity == 20

    response = client.post(edit_url, {**edit, "capacity": "20", "state": "cancelled"})
    assert "Use “Cancel the workshop” on its bookings page" in response.content.decode()
    assert Workshop.objects.get().state == "published"
    assert Booking.objects.filter(status="confirmed").count() == 3


def test_a_trainer_cannot_edit_someone_elses_workshop(client):
    workshop = make_workshop()
    client.force_login(MemberFactory(role=Role.TRAINER))
    response = client.get(reverse("wagtailsnippets_workshops_workshop:edit", args=[workshop.pk]))
    assert response.status_code in {302, 404}
    listing = client.get(reverse("wagtailsnippets_workshops_workshop:list"))
    assert workshop.title not in listing.content.decode()
