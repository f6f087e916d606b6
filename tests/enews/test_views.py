"""The e-news pages: leaving from the link without signing in, past issues for members, and the
administrators' send page (who may use it, and bad input)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from accounts.models import EnewsConsentChange
from enews.models import EnewsSend
from enews.services import unsubscribe_token
from outbox.models import OutboxItem
from tests.accounts.factories import MemberFactory
from tests.enews.factories import make_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return MemberFactory(enews_consent_at=timezone.now())


def unsubscribe_path(member, issue) -> str:
    return reverse("enews:unsubscribe", args=[unsubscribe_token(member_id=member.pk, issue_id=issue.pk)])


def test_a_get_of_the_link_only_asks(client, reader):
    response = client.get(unsubscribe_path(reader, make_issue()))
    assert response.status_code == 200
    assert b"Stop the e-news" in response.content
    reader.refresh_from_db()
    assert reader.enews_consent


def test_the_one_click_post_unsubscribes_without_signing_in_or_a_csrf_token(reader):
    client = Client(enforce_csrf_checks=True)
    path = unsubscribe_path(reader, issue := make_issue())
    response = client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert b"no more e-news" in response.content
    again = client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200
    reader.refresh_from_db()
    assert not reader.enews_consent
    change = EnewsConsentChange.objects.get(member=reader)
    assert (change.route, change.reference) == ("unsubscribe-link", f"enews-issue:{issue.pk}")


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_changed_link_says_so_and_changes_nothing(client, reader, method):
    path = unsubscribe_path(reader, make_issue())
    tampered = path.replace(path.rstrip("/")[-3:], "xyz")
    response = getattr(client, method)(tampered)
    assert response.status_code == 400
    assert b"This link does not work" in response.content
    reader.refresh_from_db()
    assert reader.enews_consent
    assert not EnewsConsentChange.objects.exists()


def test_a_past_issue_is_for_members(client, reader):
    issue = make_issue()
    response = client.get(issue.url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    client.force_login(reader)
    response = client.get(issue.url)
    assert response.status_code == 200
    assert b"Visits at Christmas" in response.content


def test_the_listing_shows_issues_once_they_are_sent(client, reader):
    sent, unsent = make_issue(title="Sent in November"), make_issue(title="Not sent yet")
    EnewsSend.objects.create(issue=sent, send_at=timezone.now(), state="sending", started_at=timezone.now())
    client.force_login(reader)
    response = client.get(sent.get_parent().url)
    assert b"Sent in November" in response.content
    assert unsent.title.encode() not in response.content


@pytest.mark.parametrize("role", [None, Role.TRAINER])
def test_only_administrators_reach_the_send_page(client, role):
    issue = make_issue()
    client.force_login(MemberFactory(role=role))
    for name in ("issue", "preview"):
        assert client.get(reverse(f"enews_admin:{name}", args=[issue.pk])).status_code in (302, 403)
    for name in ("test", "send"):
        assert client.post(reverse(f"enews_admin:{name}", args=[issue.pk])).status_code in (302, 403)
    assert not OutboxItem.objects.exists()


@pytest.fixture
def administrator(client):
    member = MemberFactory(role=Role.ADMINISTRATOR)
    client.force_login(member)
    return member


def test_the_administrator_previews_the_email_as_they_would_receive_it(client, administrator):
    issue = make_issue()
    response = client.get(reverse("enews_admin:preview", args=[issue.pk]))
    assert response.status_code == 200
    assert b"Visits at Christmas" in response.content
    assert b"Stop the e-news" in response.content


@pytest.mark.parametrize(
    ("send_at", "message"),
    [
        ("not a date", "Enter a valid date/time."),
        ((timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"), "That time has passed."),
    ],
)
def test_a_bad_send_time_is_refused_with_a_message(client, administrator, send_at, message):
    issue = make_issue()
    response = client.post(reverse("enews_admin:send", args=[issue.pk]), {"send_at": send_at})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EnewsSend.objects.exists()


def test_an_empty_issue_cannot_be_sent(client, administrator):
    issue = make_issue(body=[])
    response = client.post(reverse("enews_admin:send", args=[issue.pk]), {"send_at": ""})
    assert response.status_code == 400
    assert "no content" in response.content.decode()


def test_an_unknown_issue_is_not_found(client, administrator):
    assert client.get(reverse("enews_admin:issue", args=[999999])).status_code == 404
    assert client.post(reverse("enews_admin:send", args=[999999])).status_code == 404


def test_scheduling_shows_when_it_will_go(client, administrator, reader):
    issue = make_issue()
    later = (timezone.localtime() + timedelta(days=3)).replace(second=0, microsecond=0)
    response = client.post(
        reverse("enews_admin:send", args=[issue.pk]), {"send_at": later.strftime("%Y-%m-%dT%H:%M")}, follow=True
    )
    assert response.status_code == 200
    assert "will be sent to members on" in response.content.decode()
    assert EnewsSend.objects.get(issue=issue).send_at == later
