"""The administrators' list of issues shows each send's figures, counted in the same queries
however many issues there are."""

import pytest
from django.utils import timezone

from enews.models import EnewsSend
from enews.selectors import issues_for_admin, send_figures
from enews.services import enews_schedule, enews_unsubscribe, unsubscribe_token
from outbox.models import OutboxItem
from outbox.services import outbox_item_process
from tests.accounts.factories import MemberFactory
from tests.enews.factories import make_issue

pytestmark = pytest.mark.django_db


def send_issue(number: int, admin, *, leaving=None):
    """An issue sent to the consenting members; `leaving` unsubscribes from its link first."""
    issue = make_issue(title=f"i-HOP e-news: issue {number}")
    enews_schedule(issue=issue, actor=admin)
    outbox_item_process(item_id=OutboxItem.objects.get(kind="enews.fan_out", status=OutboxItem.Status.PENDING).pk)
    if leaving:
        enews_unsubscribe(token=unsubscribe_token(member_id=leaving.pk, issue_id=issue.pk))
    for item in OutboxItem.objects.filter(kind="enews.issue", status=OutboxItem.Status.PENDING):
        outbox_item_process(item_id=item.pk)
    return issue


def test_each_issue_has_its_own_figures_in_four_queries_however_many_issues(django_assert_num_queries):
    admin = MemberFactory(is_superuser=True)
    readers = [MemberFactory(enews_consent_at=timezone.now()) for _ in range(3)]
    first = send_issue(1, admin)
    with django_assert_num_queries(4):
        [(_, _, one)] = issues_for_admin()
    assert (one.targeted, one.sent, one.not_sent, one.unsubscribed) == (3, 3, 0, 0)

    second = send_issue(2, admin, leaving=readers[0])
    third = send_issue(3, admin)
    OutboxItem.objects.filter(key__startswith=f"enews:{third.pk}:").update(status=OutboxItem.Status.FAILED)
    unsent = make_issue(title="i-HOP e-news: not sent yet")

    with django_assert_num_queries(4):
        rows = issues_for_admin()

    figures = {issue.pk: row_figures for issue, _, row_figures in rows}
    assert figures[unsent.pk] is None
    for issue in (first, second, third):
        # The list's figures are the issue page's own, which count one issue alone.
        assert figures[issue.pk] == send_figures(EnewsSend.objects.get(issue=issue))
    assert (figures[second.pk].sent, figures[second.pk].not_sent, figures[second.pk].unsubscribed) == (2, 1, 1)
    assert (figures[third.pk].sent, figures[third.pk].failed) == (0, 2)
