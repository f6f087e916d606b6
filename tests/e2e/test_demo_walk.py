"""A newcomer's walk through the demo after `make run`, in headless Chromium:
the learner plays the demo's own SCORM lesson and joins the full workshop's
waiting list; the trainer takes attendance on the workshop that starts soon
(on a phone, 320 px wide) and the learner's attendance certificate arrives."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page

from accounts.models import User
from certificates.models import Certificate
from courses.models import ModulePage
from demo.showcase import FULL_TITLE, SCORM_MODULE, SOON_TITLE
from scorm.models import ScormAttempt
from tests.e2e.conftest import PHONE, AccessiblePage, sign_in, sign_out
from tests.services import SmtpSink
from workshops.models import Booking, Workshop

# PostgreSQL: the SCORM runtime's commits land while the test reads attempts (see the SCORM journey).
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@example.org"


def wait_until(check, message: str, page: Page) -> None:  # type: ignore[no-untyped-def]
    """Commits and mail reach the server a moment after the browser acts."""
    for _ in range(150):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError(message)


def test_the_demo_lets_a_newcomer_try_scorm_the_waiting_list_a_register_and_a_certificate(
    scorm_origins: str, accessible_page: AccessiblePage, smtp_settings: SmtpSink
):
    call_command("seed_demo", allow_production=True)
    base = scorm_origins
    page = accessible_page.page
    learner = User.objects.get(email=LEARNER)
    module = ModulePage.objects.get(slug=SCORM_MODULE)
    soon = Workshop.objects.get(title=SOON_TITLE, sessions__ends_at__gt=timezone.now())
    full = Workshop.objects.get(title=FULL_TITLE)

    # The learner enrols and plays the demo's SCORM lesson to the end.
    sign_in(accessible_page, base, LEARNER)
    accessible_page.goto(base + module.get_parent().url)
    page.get_by_role("button", name="Enrol on this course (free)").click()
    page.get_by_text("You are enrolled on").wait_for()
    accessible_page.check()
    accessible_page.goto(base + module.url)
    page.get_by_role("button", name=re.compile(r"^Start\s+What would you say")).click()
    accessible_page.check()
    lesson = page.frame_locator("#scorm-runtime").frame_locator("#sco")
    for step in ("Next moment", "Next moment", "See my result"):
        lesson.locator("#choices label").first.click()
        lesson.get_by_role("button", name="Check my answer").click()
        lesson.get_by_text("Right:").wait_for()
        lesson.get_by_role("button", name=step).click()
    lesson.get_by_text("You chose the best answer 3 times out of 3 (100%).").wait_for()
    wait_until(
        lambda: ScormAttempt.objects.filter(member=learner, module=module, success_status="passed").exists(),
        "the lesson's result never reached the platform",
        page,
    )
    attempt = ScormAttempt.objects.get(member=learner, module=module)
    assert attempt.completed_at is not None and attempt.score_raw == 100

    # The full workshop takes them on its waiting list.
    accessible_page.goto(f"{base}/workshops/{full.pk}/")
    assert page.get_by_text("This workshop is full. You can join the waiting list.").is_visible()
    page.get_by_role("button", name="Join the waiting list").click()
    page.get_by_role("region", name="Your place").get_by_text("You are on the waiting list at position 2").wait_for()
    accessible_page.check()
    assert Booking.objects.get(workshop=full, member=learner).status == Booking.Status.WAITLISTED
    sign_out(accessible_page, base)

    # The trainer sees the soon workshop's bookings and takes its register on a phone.
    mail_before = len(smtp_settings.messages_to(LEARNER))
    sign_in(accessible_page, base, "trainer@example.org")
    page.set_viewport_size(PHONE)
    accessible_page.goto(f"{base}/workshops/{soon.pk}/manage/")
    accessible_page.assert_fits(PHONE["width"])
    assert page.get_by_text("Sam Learner").first.is_visible()
    page.get_by_role("link", name=re.compile(r"^Register for")).first.click()
    page.get_by_role("heading", name="Register").wait_for()
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])
    page.get_by_role("group", name="Sam Learner").get_by_label("Attended").check()
    for other in page.get_by_role("group").all():
        if not other.get_by_label("Attended").is_checked():
            other.get_by_label("Did not attend").check()
    page.get_by_role("button", name="Save the register").click()
    page.get_by_text("The register is saved.").wait_for()
    accessible_page.check()

    # The attendance certificate arrives, by email with its PDF.
    wait_until(
        lambda: any(
            "certificate" in message["Subject"] for message in smtp_settings.messages_to(LEARNER)[mail_before:]
        ),
        "no certificate email reached the learner",
        page,
    )
    certificate = Certificate.objects.get(member=learner, kind="workshop", achievement_id=soon.pk)
    assert certificate.title == SOON_TITLE
