"""A workshop's life in headless Chromium: a trainer publishes a workshop with
two sessions in the Wagtail admin, two professionals book the last place at
the same moment (one gets it, one is waitlisted), the first cancels and the
second gets the place and the invite, the reminder arrives, and the trainer
takes attendance on a phone-sized screen. Mail goes to a real SMTP sink."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, expect

from accounts.models import User
from tests.accounts.factories import MemberFactory
from tests.e2e.conftest import PHONE, AccessiblePage, sign_in, wait_for_admin_messages, watch_csp
from tests.services import SmtpSink, message_text
from workshops.models import Booking, Reminder, Session, Workshop
from workshops.services import booking_create
from workshops.tasks import reminders_queue_due_task

# PostgreSQL: two bookings really race here, which needs its row locks; SQLite
# in memory shares one connection between the live server's threads.
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TITLE = "Talking with children: Bradford"


def subject_of(message) -> str:
    return " ".join(str(message["Subject"]).split())


def invite_in(message) -> str:
    for part in message.walk():
        if part.get_filename() == "invite.ics":
            return part.get_payload(decode=True).decode()
    raise AssertionError("no invite attached")


def professional_page(browser: Browser, base: str, email: str, password: str) -> AccessiblePage:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    professional = AccessiblePage(context.new_page(), watch_csp(context))
    sign_in(professional, base, email, password)
    return professional


def test_trainer_publishes_two_book_the_last_place_one_cancels_the_other_gets_it_and_attendance_is_taken(
    live_server, smtp_settings: SmtpSink, request: pytest.FixtureRequest
):
    from tests.accounts.factories import PASSWORD

    # The browser is asked for once the data is in place, in this test's own context.
    accessible_page: AccessiblePage = request.getfixturevalue("accessible_page")
    browser: Browser = request.getfixturevalue("browser")
    call_command("seed_demo", allow_production=True)
    Booking.objects.all().delete()  # the demo's bookings protect its workshops
    Workshop.objects.all().delete()  # only this test's workshop
    base = live_server.url
    page = accessible_page.page
    first_day = timezone.localtime() + timedelta(days=14)

    # The trainer publishes a workshop with two sessions in the Wagtail admin.
    sign_in(accessible_page, base, "trainer@example.org")
    accessible_page.goto(base + "/cms/snippets/workshops/workshop/add/")
    page.locator("#id_course").select_option(index=1)
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("A morning on what children face, and what helps.")
    page.locator("#id_region").select_option(label="Yorkshire and the Humber")
    page.locator("#id_venue_name").fill("Bradford City Library")
    page.locator("#id_venue_address").fill("Centenary Square, Bradford")
    page.locator("#id_venue_postcode").fill("BD1 1HY")
    page.locator("#id_capacity").fill("2")
    fmt = "%Y-%m-%d %H:%M"
    page.locator("#id_booking_opens_at").fill((timezone.localtime() - timedelta(hours=1)).strftime(fmt))
    page.locator("#id_booking_closes_at").fill((first_day - timedelta(days=1)).strftime(fmt))
    page.locator("#id_cancellation_deadline").fill((first_day - timedelta(days=2)).strftime(fmt))
    page.locator("#id_cpd_hours").fill("3")
    page.locator("#id_state").select_option(label="Published")
    for number in range(2):
        if number:
            page.get_by_role("button", name="Add session").click()
        start = (first_day + timedelta(days=7 * number)).replace(hour=9, minute=30)
        page.locator(f"#id_sessions-{number}-starts_at").fill(start.strftime(fmt))
        page.locator(f"#id_sessions-{number}-ends_at").fill((start + timedelta(hours=3)).strftime(fmt))
    # Wagtail's date picker stays open over the form after the last date is typed (Escape does not
    # always close it); a click elsewhere closes it, as it would for a trainer.
    page.locator("#id_title").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/cms/snippets/workshops/workshop/$"))
    wait_for_admin_messages(page)
    accessible_page.check()

    workshop = Workshop.objects.get(title=TITLE)
    assert workshop.state == Workshop.State.PUBLISHED
    assert workshop.sessions.count() == 2
    trainer = User.objects.get(email="trainer@example.org")
    assert list(workshop.trainers.all()) == [trainer]

    # One place is already taken, so two professionals go for the last one at the same moment.
    booking_create(member=MemberFactory(), workshop_id=workshop.pk)
    first_member = MemberFactory(full_name="Robin First", email="robin@example.org")
    second_member = MemberFactory(full_name="Kit Second", email="kit@example.org")
    first = professional_page(browser, base, first_member.email, PASSWORD)
    second = professional_page(browser, base, second_member.email, PASSWORD)
    detail = f"{base}/workshops/{workshop.pk}/"
    for professional in (first, second):
        professional.goto(detail)
        assert professional.page.get_by_text("1 place left.").is_visible()
        professional.page.get_by_label("Dietary needs (optional)").fill("Vegetarian")
    # Submit both forms without waiting for either answer: the two requests race on the server.
    for professional in (first, second):
        professional.page.evaluate("() => document.querySelector('form[action$=\"/book/\"]').requestSubmit()")
    for professional in (first, second):
        professional.page.wait_for_url(detail)
        professional.page.get_by_role("heading", name="Your place").wait_for()
        professional.check()

    bookings = {
        b.member_id: b for b in Booking.objects.filter(workshop=workshop, member__in=[first_member, second_member])
    }
    statuses = sorted(b.status for b in bookings.values())
    assert statuses == ["confirmed", "waitlisted"]
    winner, waiter = (first, second) if bookings[first_member.pk].status == "confirmed" else (second, first)
    winner_member, waiter_member = (first_member, second_member) if winner is first else (second_member, first_member)
    assert winner.page.get_by_role("status").get_by_text("Your place is booked.").is_visible()
    assert winner.page.get_by_role("region", name="Your place").get_by_text("You have a place").is_visible()
    waiting_text = waiter.page.get_by_role("region", name="Your place").get_by_text("You are on the waiting list")
    assert "position 1." in waiting_text.inner_text()

    # The one with the place cancels; the place goes to the one waiting, with the invite.
    winner.page.get_by_role("button", name="Cancel my place").click()
    winner.page.get_by_text("Your place is cancelled.").wait_for()
    winner.check()
    promoted_subject = f"A place came up and it is yours: {TITLE}"
    smtp_settings.wait_for(1, to=waiter_member.email, timeout=10)
    [offer] = [m for m in smtp_settings.messages_to(waiter_member.email) if subject_of(m) == promoted_subject]
    invite = invite_in(offer)
    assert "METHOD:REQUEST" in invite and invite.count("BEGIN:VEVENT") == 2
    cancel_mail = [m for m in smtp_settings.messages_to(winner_member.email) if "cancelled" in subject_of(m)]
    assert "METHOD:CANCEL" in invite_in(cancel_mail[0])
    waiter.goto(detail)
    assert waiter.page.get_by_role("region", name="Your place").get_by_text("You have a place").is_visible()
    waiter.goto(base + "/account/")
    panel = waiter.page.get_by_role("region", name="My bookings")
    assert panel.get_by_role("link", name=f"Add {TITLE} to your calendar").is_visible()

    # A day before, beat finds the reminder due and the worker sends it.
    Reminder.objects.filter(booking__member=waiter_member, hours_before=24).update(
        due_at=timezone.now() - timedelta(minutes=1)
    )
    reminders_queue_due_task.delay()
    [reminder] = [m for m in smtp_settings.messages_to(waiter_member.email) if subject_of(m).startswith("Reminder:")]
    assert TITLE in message_text(reminder)
    assert not [m for m in smtp_settings.messages_to(winner_member.email) if subject_of(m).startswith("Reminder:")]

    # The day comes: the trainer takes attendance for both sessions on a phone.
    for number, session in enumerate(Session.objects.filter(workshop=workshop).order_by("starts_at")):
        start = timezone.now() - timedelta(days=7 * (1 - number), hours=1)
        Session.objects.filter(pk=session.pk).update(starts_at=start, ends_at=start + timedelta(hours=3))
    page.set_viewport_size(PHONE)
    accessible_page.goto(f"{base}/workshops/{workshop.pk}/manage/")
    accessible_page.assert_fits(PHONE["width"])
    for index in range(2):
        page.get_by_role("link", name=re.compile(r"^Register for")).nth(index).click()
        page.get_by_role("heading", name="Register").wait_for()
        accessible_page.check()
        accessible_page.assert_fits(PHONE["width"])
        page.get_by_role("group", name="Kit Second" if waiter is second else "Robin First").get_by_label(
            "Attended"
        ).check()
        for other in page.get_by_role("group").all():
            if not other.get_by_label("Attended").is_checked():
                other.get_by_label("Did not attend").check()
        page.get_by_role("button", name="Save the register").click()
        page.get_by_text("The register is saved.").wait_for()
        accessible_page.check()
        accessible_page.assert_fits(PHONE["width"])
        page.get_by_role("link", name=f"Bookings: {TITLE}").click()
        page.wait_for_url(f"{base}/workshops/{workshop.pk}/manage/")
        accessible_page.check()

    assert Booking.objects.get(workshop=workshop, member=waiter_member).status == Booking.Status.ATTENDED
    assert Booking.objects.get(workshop=workshop, member=winner_member).status == Booking.Status.CANCELLED
    for professional in (first, second):
        professional.page.context.close()
