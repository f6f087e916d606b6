"""Reports in headless Chromium: a commissioner opens the service dashboard, filters it to one
region and a date range, sees the charts and tables change, downloads a table as CSV and finds
no learner's name anywhere; a trainer reads the report on their own course, follows a learner's
row to their progress, and is refused another trainer's course. axe checks every page."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from accounts.roles import COMMISSIONERS_GROUP
from tests.accounts.factories import PASSWORD, MemberFactory
from tests.courses.factories import course_trainer
from tests.e2e.conftest import AccessiblePage, sign_in
from tests.reports.builders import service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def cell(page, figure: str, row: str) -> list[str]:  # type: ignore[no-untyped-def]
    return (
        page.locator(f'table[data-figure="{figure}"] tr', has=page.get_by_role("rowheader", name=row, exact=True))
        .locator("td")
        .all_inner_texts()
    )


def test_a_commissioner_filters_the_dashboard_downloads_a_table_and_sees_no_name(live_server, request, tmp_path: Path):
    built = service(members=12)
    commissioner = MemberFactory(full_name="Cora Commissioner", email="cora@example.org", sector="", region="")
    commissioner.groups.add(Group.objects.get(name=COMMISSIONERS_GROUP))
    accessible: AccessiblePage = request.getfixturevalue("accessible_page")
    page = accessible.page
    base = live_server.url

    sign_in(accessible, base, commissioner.email, PASSWORD)
    page.get_by_role("link", name="Service dashboard").click()
    page.wait_for_url(base + "/reports/")
    accessible.check()
    assert cell(page, "members-by-region", "North West") == ["6"]
    assert cell(page, "members-by-sector", "Education") == ["fewer than 5"]
    region_chart = page.get_by_role(
        "img", name="Bar chart of members by region; the table beside it gives every figure."
    )
    unfiltered_chart = region_chart.get_attribute("src")

    page.get_by_label("Region", exact=True).select_option(label="London")
    page.get_by_label("From", exact=True).fill("2026-01-01")
    page.get_by_label("To", exact=True).fill("2026-02-15")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url(re.compile(r"/reports/\?.*region=london"))
    accessible.check()

    assert cell(page, "members-by-region", "North West") == ["0"]
    assert cell(page, "members-by-region", "London") == ["6"]
    assert cell(page, "enrolments-by-course", "Courts and sentencing") == ["6", "0"]
    assert region_chart.get_attribute("src") != unfiltered_chart
    assert page.get_by_label("Region", exact=True).input_value() == "london"  # the address keeps the view

    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Members by region” as CSV").click()
    text = Path(download.value.path()).read_text()
    assert "London,6" in text and "North West,0" in text

    html = page.content()
    assert not [member.full_name for member in built.members if member.full_name in html]
    assert "Namely" not in text and "Namely" not in html


def test_a_trainer_reads_their_course_report_and_is_refused_anothers(live_server, request):
    mine = service(members=3, prefix="mine")
    theirs = service(members=3, prefix="theirs")
    theirs.course.title = "Someone else's course"
    theirs.course.save()
    trainer = course_trainer(mine.course)
    accessible: AccessiblePage = request.getfixturevalue("accessible_page")
    page = accessible.page
    base = live_server.url

    sign_in(accessible, base, trainer.email, PASSWORD)
    page.get_by_role("link", name="Course reports").click()
    page.wait_for_url(base + "/reports/courses/")
    accessible.check()
    assert page.get_by_role("link", name="Someone else's course").count() == 0
    page.get_by_role("link", name="Courts and sentencing").click()
    page.wait_for_url(re.compile(r"/reports/courses/\d+/$"))
    accessible.check()
    assert page.locator(".report-totals div").first.inner_text().split() == ["Enrolled", "3"]

    learner = mine.members[0]
    page.get_by_role("link", name=learner.full_name).click()
    page.wait_for_url(re.compile(r"/learners/\d+/$"))
    accessible.check()
    assert (
        page.get_by_role("heading", level=1).inner_text() == f"{learner.full_name}: progress on Courts and sentencing"
    )

    response = page.goto(f"{base}/reports/courses/{theirs.course.pk}/")
    accessible.check()
    assert response is not None and response.status == 404
    assert theirs.members[0].full_name not in page.content()
