"""The CPD record and evaluation in headless Chromium: a learner who completed a course and attended a
workshop finds their CPD record from the dashboard, is told what is wrong with 1,000 hours, adds CPD from
elsewhere, downloads the PDF (its text lists each course and workshop with its hours), evaluates the
course, on a 320 px phone too; the course's trainer then sees the answer in the aggregate, without names."""

import re
import subprocess
from pathlib import Path

import pytest

from cpd.selectors import evaluation_target
from cpd.services import Confidence, evaluation_submit
from tests.accounts.factories import PASSWORD, MemberFactory
from tests.courses.factories import course_trainer, make_course
from tests.cpd.builders import attended_workshop, completed_course
from tests.e2e.conftest import PHONE, AccessiblePage, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_keeps_their_cpd_record_and_evaluates_and_the_trainer_sees_it(
    live_server, accessible_page: AccessiblePage, tmp_path: Path
):
    base = live_server.url
    page = accessible_page.page
    course = make_course(modules=1, title="Supporting children of prisoners")
    trainer = course_trainer(course)
    learner = MemberFactory(full_name="Morgan Price", email="morgan@example.org")
    completed_course(learner, course)
    attended_workshop([learner], title="Leeds workshop on visits")
    # Four colleagues answered already: the learner's answer makes five, enough to show figures.
    for _ in range(4):
        colleague = MemberFactory()
        completed_course(colleague, course)
        target = evaluation_target(member=colleague, course_id=course.pk)
        assert target is not None
        evaluation_submit(
            member=colleague, target=target, confidence=[Confidence(2, 4)], usefulness=4, will_do_differently=""
        )

    sign_in(accessible_page, base, learner.email, PASSWORD)
    page.get_by_role("link", name="Your CPD record").click()
    page.wait_for_url(base + "/account/cpd/")
    accessible_page.check()
    assert page.get_by_text("Supporting children of prisoners", exact=True).is_visible()
    assert page.get_by_text("Leeds workshop on visits", exact=True).is_visible()

    # 1,000 hours is refused with a message; then the entry is saved.
    page.get_by_role("link", name="Add CPD from elsewhere").click()
    page.wait_for_url(base + "/account/cpd/add/")
    accessible_page.check()
    page.get_by_label("Title").fill("Safeguarding conference")
    date = page.get_by_role("group", name="Date")
    date.get_by_label("Day").fill("3")
    date.get_by_label("Month").fill("11")
    date.get_by_label("Year").fill("2025")
    page.get_by_label("CPD hours").fill("1000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    accessible_page.check()
    assert page.locator("#id_hours_error").get_by_text("One entry can be at most 100 hours").is_visible()
    page.get_by_label("CPD hours").fill("6")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(base + "/account/cpd/")
    accessible_page.check()
    assert page.get_by_role("heading", name="2025: 6.0 CPD hours").is_visible()

    # The PDF lists each course and workshop with its hours.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your CPD record (PDF)").click()
    pdf_path = tmp_path / "record.pdf"
    download_info.value.save_as(pdf_path)
    text = " ".join(subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True).stdout.split())
    assert re.search(r"Supporting children of prisoners Course 1\.5", text), text
    assert re.search(r"Leeds workshop on visits Workshop 3\.0", text), text
    assert re.search(r"Safeguarding conference Elsewhere 6\.0", text), text

    # The record and the evaluation fit a phone.
    page.set_viewport_size(PHONE)
    accessible_page.goto(base + "/account/cpd/")
    accessible_page.assert_fits(PHONE["width"])
    page.get_by_role("link", name="Evaluate Supporting children of prisoners").click()
    page.wait_for_load_state("load")
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])
    outcome = page.get_by_role("group", name="Know the figures")
    outcome.get_by_role("group", name="Before").get_by_label("1").check()
    outcome.get_by_role("group", name="After").get_by_label("5").check()
    page.get_by_label("What will you do differently?").fill("Ask every child about visits")
    page.get_by_role("button", name="Save your evaluation").click()
    page.wait_for_url(base + "/account/cpd/")
    accessible_page.check()
    assert page.get_by_text("your evaluation has been saved").is_visible()
    page.set_viewport_size({"width": 1024, "height": 800})
    sign_out(accessible_page, base)

    # The trainer sees it in the aggregate: five answers, the average change, the text without a name.
    sign_in(accessible_page, base, trainer.email, PASSWORD)
    accessible_page.goto(base + "/evaluation/results/")
    row = page.get_by_role("row").filter(has_text="Know the figures")
    assert row.get_by_role("cell").all_inner_texts() == [
        "Supporting children of prisoners",
        "Know the figures",
        "5",
        "1.8",
        "4.2",
        "+2.4",
    ]
    assert page.get_by_text("Ask every child about visits").is_visible()
    assert "Morgan" not in page.content()
