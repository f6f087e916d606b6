"""Add-to-calendar links for Outlook and Google beside the .ics, and a map of the venue:
on the workshop page for a confirmed place, and in the booking email."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import MemberFactory
from tests.workshops.factories import make_workshop
from workshops.calendar_links import session_calendar_links, venue_map_link
from workshops.emails import booking_message
from workshops.models import Booking, Workshop
from workshops.services import booking_create

pytestmark = pytest.mark.django_db


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_each_session_gets_links_that_open_a_prefilled_event_in_utc():
    workshop = make_workshop(sessions=2)
    sessions = list(workshop.sessions.order_by("starts_at"))

    first, second = session_calendar_links(workshop, sessions, page_url="https://learn.example/workshops/1/")

    google = _query(first.google)
    assert urlsplit(first.google).netloc == "calendar.google.com"
    assert google["text"] == f"{workshop.title} (session 1 of 2)"
    start, end = sessions[0].starts_at, sessions[0].ends_at
    assert google["dates"] == f"{start:%Y%m%dT%H%M%S}Z/{end:%Y%m%dT%H%M%S}Z"  # stored in UTC
    assert "https://learn.example/workshops/1/" in google["details"]
    assert "Friends Meeting House" in google["location"]
    work = _query(second.outlook_work)
    assert urlsplit(second.outlook_work).netloc == "outlook.office.com"
    assert urlsplit(second.outlook_personal).netloc == "outlook.live.com"
    assert work["subject"].endswith("(session 2 of 2)")
    assert work["startdt"] == sessions[1].starts_at.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_an_online_workshops_links_never_carry_the_joining_link():
    workshop = make_workshop(delivery=Workshop.Delivery.ONLINE)

    [links] = session_calendar_links(workshop, list(workshop.sessions.all()), page_url="https://learn.example/w/")

    for url in (links.google, links.outlook_work, links.outlook_personal):
        assert "meet.example.org" not in url
    assert venue_map_link(workshop) == ""


def test_the_map_is_the_trainers_link_or_a_search_of_the_address():
    workshop = make_workshop()
    assert venue_map_link(workshop) == "https://www.openstreetmap.org/"

    workshop.map_link = ""
    search = venue_map_link(workshop)

    assert urlsplit(search).netloc == "www.google.com"
    assert _query(search)["query"] == "6 Mount Street, Manchester, M2 5NS"


def test_the_page_offers_the_links_only_with_a_confirmed_place(client):
    workshop = make_workshop(capacity=1, starts_in=timedelta(days=5))
    workshop.map_link = ""
    workshop.save()
    holder, waiting = MemberFactory(), MemberFactory()
    booking_create(member=holder, workshop_id=workshop.pk)
    booking_create(member=waiting, workshop_id=workshop.pk)
    url = reverse("workshops:detail", args=[workshop.pk])

    client.force_login(holder)
    page = client.get(url).content.decode()
    client.force_login(waiting)
    waiting_page = client.get(url).content.decode()

    assert "Outlook (work or school)</a>" in page and "Google Calendar</a>" in page and "(.ics)</a>" in page
    assert "Map of Friends Meeting House</a>" in page and "maps/search" in page
    assert "Google Calendar</a>" not in waiting_page
    assert "Map of Friends Meeting House</a>" in waiting_page


def test_the_confirmation_email_carries_the_links_and_a_cancellation_does_not():
    workshop = make_workshop()
    booking = booking_create(member=MemberFactory(), workshop_id=workshop.pk)
    sessions = list(workshop.sessions.all())

    confirmed = booking_message("confirmed", booking, sessions).body
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
    cancelled = booking_message("cancelled", booking, sessions).body

    assert "Outlook (work or school): https://outlook.office.com/" in confirmed
    assert "Google Calendar: https://calendar.google.com/" in confirmed
    assert "Map: https://www.openstreetmap.org/" in confirmed
    assert "calendar.google.com" not in cancelled
    assert mail.outbox == []  # built, not sent: sending is the outbox's
