import csv
import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.choices import Role
from quality.models import Action, Assessment, Invitation, StatementResponse
from quality.services import action_create, assessment_complete, assessment_start, response_save
from tests.accounts.factories import MemberFactory
from tests.quality.conftest import join

pytestmark = pytest.mark.django_db


def _urls(assessment: Assessment, action: Action) -> list[str]:
    pk = assessment.pk
    return [
        reverse("quality:assessment_detail", args=[pk]),
        reverse("quality:response_edit", args=[pk, 1]),
        reverse("quality:team", args=[pk]),
        reverse("quality:action_plan", args=[pk]),
        reverse("quality:action_edit", args=[pk, action.pk]),
        reverse("quality:assessment_complete", args=[pk]),
        reverse("quality:assessment_pdf", args=[pk]),
        reverse("quality:assessment_csv", args=[pk]),
    ]


def test_nobody_outside_the_team_sees_anything_of_it_not_even_an_administrator(client, assessment, owner):
    action = action_create(assessment=assessment, member=owner, title="Secret plan")
    for outsider in (MemberFactory(), MemberFactory(role=Role.ADMINISTRATOR)):
        client.force_login(outsider)
        for url in _urls(assessment, action):
            response = client.get(url)
            assert response.status_code == 404, url
            assert b"Secret plan" not in response.content and b"Pastoral team" not in response.content
        for url in (
            reverse("quality:response_edit", args=[assessment.pk, 1]),
            reverse("quality:action_plan", args=[assessment.pk]),
            reverse("quality:assessment_next", args=[assessment.pk]),
            reverse("quality:team", args=[assessment.pk]),
        ):
            assert (
                client.post(url, {"title": "x", "email": "me@example.org", "role": "owner", "version": 0}).status_code
                == 404
            )
    assert Action.objects.count() == 1 and Invitation.objects.count() == 0


def test_an_action_of_another_team_cannot_be_reached_through_ones_own_assessment(client, assessment, owner, statements):
    other_owner = MemberFactory()
    other = assessment_start(
        member=other_owner, organisation="Elsewhere", team_name="Other", sector="health", region="london"
    )
    theirs = action_create(assessment=other, member=other_owner, title="Their action")
    client.force_login(owner)
    assert client.get(reverse("quality:action_edit", args=[assessment.pk, theirs.pk])).status_code == 404
    assert client.post(reverse("quality:invitation_withdraw", args=[assessment.pk, 999999])).status_code == 404


def test_a_guessed_or_withdrawn_invitation_link_shows_nothing_of_the_team(client, assessment, owner):
    invited = MemberFactory(email="asked@example.org")
    client.force_login(owner)
    with TestCaseCapture():
        client.post(reverse("quality:team", args=[assessment.pk]), {"email": invited.email, "role": "contributor"})
    from django.core import mail

    path = "/quality/invitations/" + mail.outbox[-1].body.split("/quality/invitations/")[1].split("/")[0] + "/"
    invitation = Invitation.objects.get()
    client.post(reverse("quality:invitation_withdraw", args=[assessment.pk, invitation.pk]))
    client.force_login(invited)
    for url in (path, "/quality/invitations/guessed-token/"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"not valid any more" in response.content and b"Pastoral team" not in response.content
        assert client.post(url).status_code == 404
    assert not invited.quality_memberships.exists()


class TestCaseCapture:
    """Run on-commit callbacks (the email) inside a test wrapped in a transaction."""

    def __enter__(self):
        from django.test import TestCase

        self._context = TestCase.captureOnCommitCallbacks(execute=True)
        return self._context.__enter__()

    def __exit__(self, *args):
        return self._context.__exit__(*args)


def test_saving_a_statement_without_javascript_and_the_stale_save_page(client, assessment, owner, statements):
    colleague = MemberFactory(full_name="Cara Colleague")
    join(assessment, owner, colleague)
    url = reverse("quality:response_edit", args=[assessment.pk, 1])
    item = statements[0].checklist_items.first()

    client.force_login(colleague)
    response = client.post(url, {"rating": "3", "met_items": [item.pk], "evidence": "Everyone trained", "version": "0"})
    assert response.status_code == 302
    saved = StatementResponse.objects.get(assessment=assessment, statement=statements[0])
    assert (saved.rating, saved.version) == (3, 1)

    client.force_login(owner)
    stale = client.post(url, {"rating": "1", "evidence": "Nobody trained", "version": "0"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Cara Colleague saved this statement while you were working on it" in page
    assert "Everyone trained" in page and "Nobody trained" in page  # both versions on the page
    assert 'name="version" value="1"' in page  # "keep mine" saves against what is there now
    assert StatementResponse.objects.get(pk=saved.pk).evidence == "Everyone trained"

    kept = client.post(url, {"rating": "1", "evidence": "Nobody trained", "version": "1"})
    assert kept.status_code == 302
    assert StatementResponse.objects.get(pk=saved.pk).evidence == "Nobody trained"


def test_autosave_answers_json_and_a_conflict_as_409(client, assessment, owner):
    colleague = MemberFactory()
    join(assessment, owner, colleague)
    url = reverse("quality:response_edit", args=[assessment.pk, 2])
    client.force_login(owner)
    ok = client.post(url, {"rating": "2", "evidence": "", "version": "0"}, headers={"X-Autosave": "1"})
    assert ok.status_code == 200 and ok.json()["version"] == 1
    client.force_login(colleague)
    stale = client.post(url, {"rating": "4", "evidence": "", "version": "0"}, headers={"X-Autosave": "1"})
    assert stale.status_code == 409
    bad = client.post(url, {"rating": "9", "version": "1"}, headers={"X-Autosave": "1"})
    assert bad.status_code == 400
    assert StatementResponse.objects.get(assessment=assessment, statement__number=2).rating == 2


def test_bad_input_gets_a_message_and_changes_nothing(client, assessment, owner):
    client.force_login(owner)
    response = client.post(reverse("quality:action_plan", args=[assessment.pk]), {"title": "", "due_on": "not a date"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    response = client.post(reverse("quality:response_edit", args=[assessment.pk, 1]), {"rating": "7", "version": "x"})
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert client.get(reverse("quality:response_edit", args=[assessment.pk, 99])).status_code == 404
    assert not Action.objects.exists()
    assert not StatementResponse.objects.filter(version__gt=0).exists()


def test_a_viewer_reads_but_cannot_change(client, assessment, owner):
    viewer = MemberFactory()
    join(assessment, owner, viewer, role="viewer")
    client.force_login(viewer)
    assert client.get(reverse("quality:assessment_detail", args=[assessment.pk])).status_code == 200
    client.post(reverse("quality:response_edit", args=[assessment.pk, 1]), {"rating": "4", "version": "0"})
    client.post(reverse("quality:action_plan", args=[assessment.pk]), {"title": "Sneaky", "status": "to_do"})
    assert client.get(reverse("quality:assessment_complete", args=[assessment.pk])).status_code == 404
    assert not StatementResponse.objects.filter(version__gt=0).exists() and not Action.objects.exists()


def test_the_overview_page_takes_a_fixed_number_of_queries(client, assessment, owner, django_assert_num_queries):
    for n in range(5):
        action_create(assessment=assessment, member=owner, title=f"Action {n}", owner=owner)
    client.force_login(owner)
    url = reverse("quality:assessment_detail", args=[assessment.pk])
    client.get(url)
    with django_assert_num_queries(11):
        client.get(url)


def test_the_csv_has_every_statement_and_action_and_no_formulas(client, assessment, owner):
    action_create(assessment=assessment, member=owner, title='=HYPERLINK("http://evil")', owner=owner)
    response_save(
        assessment=assessment,
        statement=assessment.responses.get(statement__number=1).statement,
        member=owner,
        rating=2,
        evidence="+SUM(A1)",
        met_item_ids=[],
        expected_version=0,
    )
    client.force_login(owner)
    response = client.get(reverse("quality:assessment_csv", args=[assessment.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells and "'+SUM(A1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert sum(1 for row in rows if row and row[0][:2].rstrip(".").isdigit()) == 8


def test_the_pdf_is_tagged_with_its_language_and_title_and_shows_every_statement_and_action(
    client, assessment, owner, statements
):
    action_create(assessment=assessment, member=owner, title="Add the question to intake forms", owner=owner)
    client.force_login(owner)
    response = client.get(reverse("quality:assessment_pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf"
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "assessment.pdf"
        pdf.write_bytes(response.content)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "Title:           Quality self-assessment: Pastoral team, Hillside Academy" in info
    flat = " ".join(text.split())
    for statement in statements:
        assert statement.title in flat
    assert "Add the question to intake forms" in flat


def test_the_administrators_report_counts_ratings_by_region_and_hides_small_numbers(client, statements):
    def completed(region: str, rating: int) -> None:
        member = MemberFactory()
        assessment = assessment_start(
            member=member, organisation="Org", team_name="Team", sector="health", region=region
        )
        response_save(
            assessment=assessment,
            statement=statements[0],
            member=member,
            rating=rating,
            evidence="private note",
            met_item_ids=[],
            expected_version=0,
        )
        assessment_complete(assessment=assessment, member=member)

    for _ in range(6):
        completed("london", 3)
    completed("london", 2)
    for _ in range(2):
        completed("wales", 4)
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    response = client.get("/cms/quality-ratings/")
    assert response.status_code == 200
    [awareness] = [a for a in response.context["aggregates"] if a.statement == statements[0]]
    rows = {row.group_label: row for row in awareness.rows}
    assert rows["London"].services == 7
    # 0 not started, 1 developing (hidden), 6 established; the lone hidden 1 would be 7 - 6, so 6 is hidden too.
    assert rows["London"].counts == [0, None, None, 0]
    assert rows["Wales"].services is None and rows["Wales"].counts == [None] * 4
    assert b"fewer than 5" in response.content and b"private note" not in response.content

    client.force_login(MemberFactory(role=Role.TRAINER))
    assert client.get("/cms/quality-ratings/").status_code == 404


def test_the_owners_dashboard_lists_their_overdue_actions(client, assessment, owner):
    from datetime import timedelta

    from django.utils import timezone

    yesterday = timezone.localdate() - timedelta(days=1)
    action_create(assessment=assessment, member=owner, title="Late: brief the staff", owner=owner, due_on=yesterday)
    action_create(assessment=assessment, member=owner, title="Nobody's", due_on=yesterday)
    client.force_login(owner)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Your overdue actions" in page and "Late: brief the staff" in page and "Nobody's" not in page


def test_a_members_contributions_are_in_their_data_download(client, assessment, owner):
    response_save(
        assessment=assessment,
        statement=assessment.responses.get(statement__number=3).statement,
        member=owner,
        rating=2,
        evidence="We ask children what they want",
        met_item_ids=[],
        expected_version=0,
    )
    client.force_login(owner)
    data = client.get(reverse("accounts:data_export")).json()
    section = data["quality_assessments"]
    assert section["teams"][0]["team"] == "Pastoral team"
    assert section["answers_last_saved_by_you"][0]["evidence"] == "We ask children what they want"
