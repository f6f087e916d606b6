"""Failed sign-ins are limited without letting anyone keep a member out."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")


def sign_in(client: Client, email: str, password: str, ip: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN_URL, {"login": email, "password": password}, REMOTE_ADDR=ip)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_failures_from_elsewhere_do_not_keep_the_member_out():
    member = MemberFactory()
    attacker = Client()
    for _ in range(10):
        sign_in(attacker, member.email, "wrong-password", "203.0.113.9")
    assert "Too many failed login attempts" in sign_in(attacker, member.email, PASSWORD, "203.0.113.9").content.decode()

    owner = Client()
    sign_in(owner, member.email, PASSWORD, "198.51.100.7")
    assert signed_in(owner)


def test_guessing_one_address_from_many_places_is_limited_except_for_a_known_browser():
    member = MemberFactory()
    owner = Client()
    sign_in(owner, member.email, PASSWORD, "198.51.100.7")  # the member's browser, now known
    owner.post(reverse("account_logout"))  # signing out keeps the browser's cookies (Client.logout would drop them)
    for number in range(20):  # four tries from each of five addresses: under the per-pair limit
        sign_in(Client(), member.email, "wrong-password", f"203.0.113.{number // 4}")

    newcomer = Client()
    response = sign_in(newcomer, member.email, PASSWORD, "192.0.2.50")
    assert not signed_in(newcomer), "the right password from a new place is refused while the address is limited"
    assert "Too many failed login attempts" in response.content.decode()

    sign_in(owner, member.email, PASSWORD, "192.0.2.51")
    assert signed_in(owner), "the member's own browser still gets in"


def test_a_limited_member_can_reset_their_password_and_sign_in(django_capture_on_commit_callbacks):
    member = MemberFactory()
    client = Client()
    for _ in range(5):
        sign_in(client, member.email, "wrong-password", "198.51.100.7")
    sign_in(client, member.email, PASSWORD, "198.51.100.7")
    assert not signed_in(client)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": member.email}, REMOTE_ADDR="198.51.100.7")
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/\S+)", message.body).group(1)  # type: ignore[union-attr]
    form_url = client.get(link, REMOTE_ADDR="198.51.100.7")["Location"]
    new_password = "a-new-long-passphrase-2026"
    client.post(form_url, {"password1": new_password, "password2": new_password}, REMOTE_ADDR="198.51.100.7")

    sign_in(client, member.email, new_password, "198.51.100.7")
    assert signed_in(client)
