"""An issue's batch in the worker, in-process: the issue and its rendering are read once for the
batch, each member's consent just before their own message, so each further member costs three
queries (claim, consent, mark) and a withdrawal in the middle of a batch is honoured."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.choices import Region
from accounts.models import EnewsConsentChange, User
from accounts.services import member_enews_consent_set
from enews import services
from enews.services import ISSUE_KIND, enews_schedule
from outbox.models import OutboxItem
from outbox.services import outbox_item_process, outbox_items_process
from tests.accounts.factories import MemberFactory
from tests.enews.factories import make_issue

pytestmark = pytest.mark.django_db


def scheduled_deliveries(readers: int, django_capture_on_commit_callbacks) -> list[int]:
    """Queue an issue for `readers` consenting members (all in one region); the ids of their items."""
    for _ in range(readers):
        MemberFactory(enews_consent_at=timezone.now(), region=Region.LONDON)
    with django_capture_on_commit_callbacks(execute=False):
        enews_schedule(issue=make_issue(), actor=MemberFactory(is_superuser=True))
        outbox_item_process(item_id=OutboxItem.objects.get(kind="enews.fan_out").pk)
    return list(OutboxItem.objects.filter(kind=ISSUE_KIND).order_by("pk").values_list("pk", flat=True))


def purpose(sql: str) -> str:
    """What a statement of a batch is for, from its SQL (as run, with its values in); the batch's
    own reads (its rows, the issue) are left as they are."""
    if sql.startswith("WITH marked AS (UPDATE outbox_outboxitem SET status = 'sent'"):
        return "mark, claim"
    if sql.startswith("UPDATE outbox_outboxitem SET status = 'claimed'"):
        return "claim"
    if sql.startswith("UPDATE outbox_outboxitem SET status = 'sent'"):
        return "mark"
    if "FROM accounts_user" in sql:
        return "consent"
    return sql


def test_each_further_member_of_a_batch_costs_three_queries_or_two_on_postgresql(django_capture_on_commit_callbacks):
    ids = scheduled_deliveries(31, django_capture_on_commit_callbacks)
    outbox_items_process(item_ids=ids[:1])  # renders the issue for the region into the cache

    with CaptureQueriesContext(connection) as ten:
        outbox_items_process(item_ids=ids[1:11])
    with CaptureQueriesContext(connection) as twenty:
        outbox_items_process(item_ids=ids[11:31])

    # A batch reads its rows and the issue once; then per member: claim, consent, mark, in that
    # order (the consent read after the claim, so a withdrawal that beat the claim is seen). On
    # PostgreSQL a member's mark goes with the next member's claim, in one statement.
    steps = [purpose(query["sql"]) for query in twenty.captured_queries]
    steps = [step for step in steps if step in ("claim", "consent", "mark", "mark, claim")]
    if connection.vendor == "postgresql":
        assert (len(ten), len(twenty)) == (2 + 2 * 10 + 1, 2 + 2 * 20 + 1)
        assert steps == ["claim", "consent"] + ["mark, claim", "consent"] * 19 + ["mark"]
    else:
        assert (len(ten), len(twenty)) == (2 + 3 * 10, 2 + 3 * 20)
        assert steps == ["claim", "consent", "mark"] * 20
    assert len(mail.outbox) == 31
    assert OutboxItem.objects.filter(pk__in=ids, status=OutboxItem.Status.SENT).count() == 31


def test_a_member_who_withdraws_while_their_batch_is_being_sent_is_not_sent_it(
    django_capture_on_commit_callbacks, monkeypatch
):
    ids = scheduled_deliveries(3, django_capture_on_commit_callbacks)
    deliveries = OutboxItem.objects.in_bulk(ids)
    first, second, third = (deliveries[pk].payload["member"] for pk in ids)
    email_send = services.email_send

    def send_then_withdraw_the_next(message, **options):
        email_send(message, **options)
        if len(mail.outbox) == 1:  # the batch has begun and read its rows; the second member leaves
            member = User.objects.get(pk=second)
            member_enews_consent_set(member=member, given=False, route=EnewsConsentChange.Route.PROFILE)

    monkeypatch.setattr(services, "email_send", send_then_withdraw_the_next)

    assert outbox_items_process(item_ids=ids) == {"sent": 2, "skipped": 1}

    recipients = {User.objects.get(pk=pk).email for pk in (first, third)}
    assert {message.to[0] for message in mail.outbox} == recipients
    assert OutboxItem.objects.get(pk=ids[1]).status == OutboxItem.Status.SKIPPED
