"""A service's self-assessment in headless Chromium: an owner starts one and
invites a colleague by email (from the SMTP sink), both rate statements (the
owner's rating is autosaved) and add actions, the owner completes it and
downloads the PDF, starts the next assessment a month later and sees the
change; an outsider with the assessment's address or the old invitation link
gets nothing; an administrator sees ratings by region with small counts hidden."""

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser

from accounts.choices import Role
from demo.quality_statements import demo_quality_statements_seed
from quality.models import Action, Assessment, StatementResponse
from quality.services import assessment_complete, assessment_start, response_save
from tests.accounts.factories import PASSWORD, MemberFactory
from tests.e2e.conftest import PHONE, AccessiblePage, sign_in
from tests.services import SmtpSink, message_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWNER_ACTION = "Add a question about family members in prison to our intake form"
COLLEAGUE_ACTION = "Run a lunchtime briefing on the i-HOP Quality Statements"


def signed_in_page(browser: Browser, base: str, email: str) -> AccessiblePage:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    member_page = AccessiblePage(context.new_page())
    sign_in(member_page, base, email, PASSWORD)
    return member_page


def click_and_check(accessible: AccessiblePage, role: str, name: str, *, url: str | re.Pattern[str]) -> None:
    accessible.page.get_by_role(role, name=name, exact=True).click()  # type: ignore[arg-type]
    accessible.page.wait_for_url(url)
    accessible.check()


def pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "assessment.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def completed_elsewhere(statement, *, region: str, rating: int) -> None:
    member = MemberFactory()
    other = assessment_start(member=member, organisation="Elsewhere", team_name="Team", sector="health", region=region)
    response_save(
        assessment=other,
        statement=statement,
        member=member,
        rating=rating,
        evidence="",
        met_item_ids=[],
        expected_version=0,
    )
    assessment_complete(assessment=other, member=member)


def test_a_team_assesses_itself_plans_completes_downloads_and_sees_progress_a_month_later(
    live_server, smtp_settings: SmtpSink, settings, request: pytest.FixtureRequest, tmp_path: Path
):
    settings.SITE_URL = live_server.url  # the address in the invitation email
    statements = demo_quality_statements_seed()
    owner = MemberFactory(full_name="Olive Owner", email="olive@example.org", organisation="Hillside Academy")
    colleague = MemberFactory(full_name="Cara Colleague", email="cara@example.org")
    MemberFactory(full_name="Otto Outsider", email="otto@example.org")
    MemberFactory(full_name="Ada Admin", email="ada@example.org", role=Role.ADMINISTRATOR)
    accessible_page: AccessiblePage = request.getfixturevalue("accessible_page")
    browser: Browser = request.getfixturevalue("browser")
    base = live_server.url
    page = accessible_page.page
    detail = re.compile(r"/quality/assessments/\d+/$")

    # The owner starts a self-assessment for their team.
    sign_in(accessible_page, base, owner.email, PASSWORD)
    accessible_page.goto(base + "/quality/")
    click_and_check(accessible_page, "button", "Assess your service", url=base + "/quality/assessments/")
    click_and_check(accessible_page, "button", "Start a self-assessment", url=base + "/quality/assessments/new/")
    page.get_by_label("Team or service").fill("Pastoral team")
    page.get_by_label("Sector").select_option(label="Education")
    page.get_by_label("Region").select_option(label="North West")
    click_and_check(accessible_page, "button", "Start the self-assessment", url=detail)
    assessment = Assessment.objects.get()
    overview = f"{base}/quality/assessments/{assessment.pk}/"

    # ... and invites a colleague, who gets the link by email.
    page.get_by_role("navigation", name="This assessment").get_by_role("link", name="Team").click()
    page.wait_for_url(overview + "team/")
    accessible_page.check()
    page.get_by_label("Colleague's email address").fill(colleague.email)
    click_and_check(accessible_page, "button", "Send the invitation", url=overview + "team/")
    assert page.get_by_text(f"Invitation sent to {colleague.email}.").is_visible()
    [invitation_email] = smtp_settings.wait_for(1, to=colleague.email)
    found = re.search(r"(http://\S+/quality/invitations/[\w-]+/)", message_text(invitation_email))
    assert found, message_text(invitation_email)
    invitation_link = found[1]

    # The owner rates Awareness: the choice is saved as they make it, then the notes with the button.
    accessible_page.goto(overview + "statements/1/")
    page.get_by_label("Developing", exact=True).check()
    page.get_by_text(re.compile(r"^Saved at ")).wait_for()
    accessible_page.check()
    page.get_by_label("Evidence and notes").fill("Two of us have taken the i-HOP course.")
    click_and_check(accessible_page, "button", "Save", url=overview)
    assert StatementResponse.objects.get(assessment=assessment, statement__number=1).rating == 2

    # The colleague accepts the invitation, rates Identification and adds an action of their own.
    colleague_page = signed_in_page(browser, base, colleague.email)
    colleague_page.goto(invitation_link)
    assert colleague_page.page.get_by_text("Olive Owner has invited you").is_visible()
    click_and_check(colleague_page, "button", "Join the team", url=overview)
    colleague_page.goto(overview + "statements/2/")
    colleague_page.page.get_by_label("Established", exact=True).check()
    colleague_page.page.get_by_text(re.compile(r"^Saved at ")).wait_for()
    click_and_check(colleague_page, "button", "Save and go to the next statement", url=overview + "statements/3/")
    colleague_page.goto(overview + "actions/")
    colleague_page.page.get_by_label(re.compile(r"^Action\b")).fill(COLLEAGUE_ACTION)
    colleague_page.page.get_by_label("Owner (optional)", exact=True).select_option(label="Cara Colleague")
    colleague_page.page.get_by_label("Due date (optional)", exact=True).fill(
        (timezone.localdate() + timedelta(days=20)).isoformat()
    )
    click_and_check(colleague_page, "button", "Add the action", url=overview + "actions/")
    assert colleague_page.page.get_by_role("link", name=COLLEAGUE_ACTION).is_visible()

    # The owner adds a suggested action from a checklist, with themself as owner.
    accessible_page.goto(overview + "actions/")
    page.get_by_role("button", name=re.compile(r"^Add to plan.*Add the subject to the induction")).click()
    page.wait_for_url(re.compile(r"/actions/\d+/$"))
    accessible_page.check()
    page.get_by_label(re.compile(r"^Action\b")).fill(OWNER_ACTION)
    page.get_by_label("Owner (optional)", exact=True).select_option(label="Olive Owner")
    click_and_check(accessible_page, "button", "Save the action", url=overview + "actions/")
    assert page.get_by_role("link", name=COLLEAGUE_ACTION).is_visible()
    assert page.get_by_role("link", name=OWNER_ACTION).is_visible()

    # The owner completes the assessment and downloads the PDF.
    accessible_page.goto(overview)
    click_and_check(accessible_page, "button", "Complete the assessment", url=overview + "complete/")
    click_and_check(accessible_page, "button", "Complete the assessment", url=overview)
    assert page.get_by_text("Completed", exact=False).first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    text = pdf_text(Path(download.value.path()).read_bytes(), tmp_path)
    for statement in statements:
        assert f"{statement.number}. {statement.title}" in text, statement.title
    assert OWNER_ACTION in text and COLLEAGUE_ACTION in text
    assert "Two of us have taken the i-HOP course." in text

    # A month later (the stored dates moved back), the owner starts the next assessment from it.
    month_ago = timezone.now() - timedelta(days=30)
    Assessment.objects.filter(pk=assessment.pk).update(started_at=month_ago - timedelta(days=1), completed_at=month_ago)
    accessible_page.goto(overview)
    click_and_check(accessible_page, "button", "Start a new assessment from this one", url=detail)
    follow_up = Assessment.objects.get(previous=assessment)
    assert page.url == f"{base}/quality/assessments/{follow_up.pk}/"
    page.get_by_role("link", name="1. Awareness").click()
    page.wait_for_url(re.compile(r"/statements/1/$"))
    accessible_page.check()
    page.get_by_label("Established", exact=True).check()
    page.get_by_text(re.compile(r"^Saved at ")).wait_for()
    click_and_check(accessible_page, "button", "Save", url=detail)
    progress = page.get_by_role("table", name="Rating by statement, before and now")
    awareness_row = progress.get_by_role("row", name=re.compile(r"^1\. Awareness"))
    assert awareness_row.get_by_role("cell").all_inner_texts() == ["Developing", "Established", "Up 1 level"]
    assert page.get_by_role("heading", name=f"Progress since {month_ago:%-d %B %Y}").is_visible()
    assert [action.title for action in Action.objects.filter(assessment=follow_up).order_by("title")] == sorted(
        [OWNER_ACTION, COLLEAGUE_ACTION]
    )
    page.set_viewport_size(PHONE)
    for address in (page.url, page.url + "statements/1/", page.url + "actions/"):
        accessible_page.goto(address)
        accessible_page.assert_fits(PHONE["width"])

    # An outsider with the assessment's address, the used invitation link or a guessed one gets nothing.
    outsider_page = signed_in_page(browser, base, "otto@example.org")
    for address in (overview, f"{base}/quality/assessments/{follow_up.pk}/actions/", overview + "assessment.pdf"):
        response = outsider_page.page.goto(address)
        assert response is not None and response.status == 404, address
        outsider_page.check()
        assert "Pastoral team" not in outsider_page.page.content()
    for link in (invitation_link, invitation_link[:-5] + "abcd/"):
        response = outsider_page.page.goto(link)
        assert response is not None and response.status == 404
        outsider_page.check()
        assert outsider_page.page.get_by_role("heading", name="This invitation cannot be used").is_visible()
        assert "Pastoral team" not in outsider_page.page.content()

    # The administrator's report: ratings by region, with counts under five hidden.
    for _ in range(5):
        completed_elsewhere(statements[0], region="london", rating=3)
    completed_elsewhere(statements[0], region="wales", rating=1)
    admin_page = signed_in_page(browser, base, "ada@example.org")
    admin_page.goto(base + "/cms/quality-ratings/")
    awareness = admin_page.page.get_by_role("table", name=re.compile(r"^Awareness: services at each level"))
    london = awareness.get_by_role("row", name=re.compile(r"^London"))
    assert london.get_by_role("cell").all_inner_texts() == ["5", "0", "0", "5", "0"]
    wales = awareness.get_by_role("row", name=re.compile(r"^Wales"))
    assert wales.get_by_role("cell").all_inner_texts() == ["fewer than 5"] * 5
    north_west = awareness.get_by_role("row", name=re.compile(r"^North West"))  # the journey's own team, alone
    assert north_west.get_by_role("cell").all_inner_texts() == ["fewer than 5"] * 5

    for other in (colleague_page, outsider_page, admin_page):
        assert other.unchecked_pages() == []
        other.page.context.close()
