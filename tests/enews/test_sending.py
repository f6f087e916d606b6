"""Sending an issue, in-process (eager tasks, Django's mail outbox): who is sent it, what each
message carries, what an administrator may not do, and leaving from the link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import EnewsConsentChange
from accounts.selectors import member_export_data
from accounts.services import member_update_profile
from enews.models import EnewsSend
from enews.selectors import send_figures
from enews.services import (
    EnewsError,
    enews_cancel,
    enews_schedule,
    enews_test_send,
    enews_unsubscribe,
    unsubscribe_token,
)
from outbox.models import OutboxItem
from outbox.services import outbox_item_process
from tests.accounts.factories import MemberFactory
from tests.enews.factories import make_issue

pytestmark = pytest.mark.django_db


def consenting(**fields):
    return MemberFactory(enews_consent_at=timezone.now(), **fields)


@pytest.fixture
def admin():
    return MemberFactory(is_superuser=True, email="editor@example.org")


def test_an_issue_goes_once_to_each_member_who_consents_with_one_click_unsubscribe(
    admin, django_capture_on_commit_callbacks
):
    readers = [consenting() for _ in range(3)]
    MemberFactory(email="no-consent@example.org")
    MemberFactory(email="left@example.org", enews_consent_at=timezone.now(), is_active=False)
    issue = make_issue()

    with django_capture_on_commit_callbacks(execute=True):
        enews_schedule(issue=issue, actor=admin)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(reader.email for reader in readers)
    message = mail.outbox[0]
    assert message.subject == issue.title
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith("http") and "/e-news/unsubscribe/" in link
    assert link in message.body
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    assert link in html and "Visits at Christmas" in html and issue.url in html
    figures = send_figures(EnewsSend.objects.get(issue=issue))
    assert (figures.targeted, figures.sent, figures.failed, figures.waiting) == (3, 3, 0, 0)


def test_each_member_has_their_own_unsubscribe_link(admin, django_capture_on_commit_callbacks):
    first, second = consenting(), consenting()
    with django_capture_on_commit_callbacks(execute=True):
        enews_schedule(issue=make_issue(), actor=admin)
    links = {message.to[0]: message.extra_headers["List-Unsubscribe"] for message in mail.outbox}
    assert links[first.email] != links[second.email]


def test_sending_twice_is_refused_and_sends_nothing_more(admin, django_capture_on_commit_callbacks):
    consenting()
    issue = make_issue()
    with django_capture_on_commit_callbacks(execute=True):
        enews_schedule(issue=issue, actor=admin)
    with pytest.raises(EnewsError, match="sent already"):
        enews_schedule(issue=issue, actor=admin)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("build", "when", "message"),
    [
        ({"body": []}, None, "no content"),
        ({"intro": " "}, None, "no content"),
        ({"live": False}, None, "Publish the issue first"),
        ({}, -timedelta(hours=1), "That time has passed"),
    ],
)
def test_a_send_that_cannot_be_done_says_why_and_changes_nothing(admin, build, when, message):
    consenting()
    issue = make_issue(**build)
    with pytest.raises(EnewsError, match=message):
        enews_schedule(issue=issue, actor=admin, send_at=timezone.now() + when if when else None)
    assert not EnewsSend.objects.exists()
    assert not OutboxItem.objects.exists()


def test_a_scheduled_send_waits_for_its_time_and_can_be_cancelled(admin, django_capture_on_commit_callbacks):
    consenting()
    issue = make_issue()
    later = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        send = enews_schedule(issue=issue, actor=admin, send_at=later)
    assert mail.outbox == []
    assert OutboxItem.objects.get(kind="enews.fan_out").next_attempt_at == later
    with pytest.raises(EnewsError, match="already scheduled"):
        enews_schedule(issue=issue, actor=admin)
    enews_cancel(issue=issue)
    send.refresh_from_db()
    assert send.state == EnewsSend.State.CANCELLED


def test_a_member_who_withdrew_before_their_turn_is_not_sent_it(admin, django_capture_on_commit_callbacks):
    stays, leaves = consenting(), consenting()
    issue = make_issue()
    with django_capture_on_commit_callbacks(execute=False) as fan_out:
        enews_schedule(issue=issue, actor=admin)
    outbox_item_process(item_id=OutboxItem.objects.get(kind="enews.fan_out").pk)  # queues both
    enews_unsubscribe(token=unsubscribe_token(member_id=leaves.pk, issue_id=issue.pk))
    for item in OutboxItem.objects.filter(kind="enews.issue"):
        outbox_item_process(item_id=item.pk)
    assert [message.to[0] for message in mail.outbox] == [stays.email]
    figures = send_figures(EnewsSend.objects.get(issue=issue))
    assert (figures.sent, figures.not_sent, figures.unsubscribed) == (1, 1, 1)
    assert fan_out  # the dispatch waited for the commit


def test_a_test_goes_to_the_administrator_alone_whatever_their_consent(admin, django_capture_on_commit_callbacks):
    consenting()
    issue = make_issue()
    with django_capture_on_commit_callbacks(execute=True):
        enews_test_send(issue=issue, to=admin)
    assert [message.to[0] for message in mail.outbox] == [admin.email]
    assert not EnewsSend.objects.exists()


def test_unsubscribing_twice_changes_it_once_and_a_changed_link_changes_nothing():
    member = consenting()
    issue = make_issue()
    token = unsubscribe_token(member_id=member.pk, issue_id=issue.pk)

    assert enews_unsubscribe(token=token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    member.refresh_from_db()
    assert member.enews_consent

    assert enews_unsubscribe(token=token) is True
    assert enews_unsubscribe(token=token) is False
    member.refresh_from_db()
    assert not member.enews_consent
    assert EnewsConsentChange.objects.filter(member=member, given=False).count() == 1


def test_the_consent_history_is_in_the_members_data_export():
    member = MemberFactory()
    profile = {"full_name": "Sam Reader", "organisation": "", "job_role": "", "sector": "", "region": ""}
    member_update_profile(member=member, enews_consent=True, route=EnewsConsentChange.Route.SIGN_UP, **profile)
    enews_unsubscribe(token=unsubscribe_token(member_id=member.pk, issue_id=make_issue().pk))

    history = member_export_data(member=member)["enews_consent"]["history"]
    assert [(entry["given"], entry["route"]) for entry in history] == [
        (True, "Sign-up form"),
        (False, "Unsubscribe link in an e-news email"),
    ]
