"""A newcomer signs up, verifies by email, signs in and edits their profile,
in headless Chromium, with mail delivered to a real SMTP sink."""

import re

import pytest

from accounts.models import User
from tests.e2e.conftest import PHONE, AccessiblePage
from tests.services import SmtpSink, message_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-memorable-passphrase"


def test_a_newcomer_signs_up_verifies_signs_in_and_edits_their_profile(
    live_server, accessible_page: AccessiblePage, smtp_settings: SmtpSink
):
    page = accessible_page.page
    accessible_page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up free").first.click()
    accessible_page.check()

    page.get_by_label("Email").fill("health.visitor@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Full name").fill("Morgan Lee")
    page.get_by_label("Organisation").fill("Seaview Health Visiting Team")
    page.get_by_label("Job role").fill("Health visitor")
    page.get_by_label("Sector").select_option(label="Health")
    page.get_by_label("Region").select_option(label="South West")
    page.get_by_role("button", name="Sign up").click()
    accessible_page.check()
    assert "verify your email address" in page.content().lower()

    [message] = smtp_settings.wait_for(1, to="health.visitor@example.org")
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", message_text(message))
    assert link, message_text(message)
    accessible_page.goto(link.group(0))
    page.get_by_role("button", name="Confirm").click()
    accessible_page.check()

    if "/account/login/" not in page.url:
        accessible_page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill("health.visitor@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    accessible_page.check()
    assert page.get_by_role("heading", name="My account").is_visible()
    assert "Seaview Health Visiting Team" in page.content()

    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="Edit your profile").click()
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])
    page.get_by_label("Job role").fill("Specialist health visitor")
    page.get_by_label("Send me the monthly i-HOP e-news").check()
    page.get_by_role("button", name="Save profile").click()
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])

    assert page.get_by_text("Your profile has been saved.").is_visible()
    assert "Specialist health visitor" in page.content()
    member = User.objects.get(email="health.visitor@example.org")
    assert member.job_role == "Specialist health visitor"
    assert member.enews_consent_at is not None


def test_bad_sign_up_input_is_shown_next_to_the_field(live_server, accessible_page: AccessiblePage):
    page = accessible_page.page
    accessible_page.goto(live_server.url + "/account/signup/")

    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label("Password", exact=True).fill("password")
    page.get_by_label("Password (again)").fill("password")
    page.get_by_label("Full name").fill("Someone")
    page.get_by_role("button", name="Sign up").click()
    accessible_page.check()

    beside_the_field = page.locator(".govuk-form-group--error").filter(has=page.get_by_label("Password", exact=True))
    assert beside_the_field.locator(".govuk-error-message").get_by_text("This password is too common.").is_visible()
    assert page.get_by_role("link", name="This password is too common.").get_attribute("href") == "#id_password1"
    assert not User.objects.exists()


def test_the_accessibility_check_fails_a_page_with_a_serious_violation(accessible_page: AccessiblePage):
    """Proves the checker above can fail: an unlabelled field and an image without alt text."""
    page = accessible_page.page
    page.set_content('<html lang="en"><body><main><img src="x.png"><input type="text"></main></body></html>')

    with pytest.raises(AssertionError, match="image-alt"):
        accessible_page.check()
