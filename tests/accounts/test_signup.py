"""Sign-up, verification and sign-in as a member sees them."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")
LOGIN_URL = reverse("account_login")


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "email": "new.member@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Priya Shah",
        "organisation": "Northfield Health Visiting Team",
        "job_role": "Health visitor",
        "sector": "health",
        "region": "west_midlands",
    }
    data.update(overrides)
    return data


def sign_up(client: Client, django_capture_on_commit_callbacks, **overrides: str):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(SIGNUP_URL, signup_data(**overrides), follow=True)


def test_sign_up_saves_the_profile_and_sends_a_verification_link(client, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "verify your email address" in response.content.decode().lower()
    member = User.objects.get(email="new.member@example.org")
    assert (member.full_name, member.job_role, member.sector, member.region) == (
        "Priya Shah",
        "Health visitor",
        "health",
        "west_midlands",
    )
    assert member.enews_consent_at is None, "e-news consent is opt-in"
    assert len(mail.outbox) == 1
    assert re.search(r"/account/confirm-email/[^/\s]+/", mail.outbox[0].body)


def test_e_news_consent_is_recorded_with_its_time(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks, enews_consent="on")

    assert User.objects.get(email="new.member@example.org").enews_consent_at is not None


def test_an_unverified_member_cannot_sign_in(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    client.logout()

    response = client.post(LOGIN_URL, {"login": "new.member@example.org", "password": PASSWORD}, follow=True)

    assert "_auth_user_id" not in client.session
    assert "verify your email address" in response.content.decode().lower()


def _page_text(response) -> str:  # type: ignore[no-untyped-def]
    """The page without its per-request CSRF token, to compare two responses."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_signing_up_with_a_taken_address_looks_the_same_and_tells_the_owner(client, django_capture_on_commit_callbacks):
    owner = MemberFactory(email="taken@example.org")
    fresh = sign_up(Client(), django_capture_on_commit_callbacks, email="fresh@example.org")
    mail.outbox.clear()

    taken = sign_up(client, django_capture_on_commit_callbacks, email="taken@example.org")

    assert taken.status_code == fresh.status_code
    assert taken.redirect_chain == [(url.replace("fresh", "taken"), code) for url, code in fresh.redirect_chain]
    assert _page_text(taken).replace("taken@", "fresh@") == _page_text(fresh)
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert "already" in mail.outbox[0].body.lower()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "Enter a valid email address."),
        ("password1", "password", "This password is too common."),
        ("full_name", "Eve\r\nBcc: victim@example.org", "line breaks and control characters are not allowed"),
        ("organisation", "Acme\x00Ltd", "Null characters are not allowed."),
        ("job_role", "x" * 151, "Ensure this value has at most 150 characters"),
        ("full_name", "", "This field is required."),
    ],
)
def test_bad_sign_up_input_gets_a_message_by_the_field_and_creates_nothing(client, field, value, message):
    overrides = {field: value}
    if field == "password1":
        overrides["password2"] = value

    response = client.post(SIGNUP_URL, signup_data(**overrides))

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_repeated_failed_sign_ins_for_one_account_are_rate_limited(client):
    member = MemberFactory()
    for _ in range(5):
        client.post(LOGIN_URL, {"login": member.email, "password": "wrong-password"})

    response = client.post(LOGIN_URL, {"login": member.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session, "even the right password is refused while limited"
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_requests_are_rate_limited_per_address(client, django_capture_on_commit_callbacks):
    member = MemberFactory()
    url = reverse("account_reset_password")
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(url, {"email": member.email}) for _ in range(5)]

    assert len(mail.outbox) == 3, "three reset emails in five minutes, then no more"
    assert responses[-1].status_code == 429
    assert "Too many attempts" in responses[-1].content.decode()


def test_password_reset_for_an_unknown_address_reveals_nothing(client, django_capture_on_commit_callbacks):
    member = MemberFactory()
    url = reverse("account_reset_password")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": member.email}, follow=True)
        unknown = client.post(url, {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert _page_text(known) == _page_text(unknown)
