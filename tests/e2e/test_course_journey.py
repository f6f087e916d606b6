"""A course's life in headless Chromium: a trainer drafts a new module in the
Wagtail admin and submits it for moderation, an administrator approves it,
and a learner enrols, works through every module (part of it on a phone)
and completes the course, with the completion email delivered to a real
SMTP sink."""

import re
import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from accounts.models import User
from courses.models import CourseIndexPage, CoursePage, Enrolment, ModulePage
from tests.e2e.conftest import PHONE, AccessiblePage, sign_in, sign_out, wait_for_admin_messages
from tests.services import SmtpSink, message_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE_TITLE = "Talking with children about a parent in prison"
FIRST_MODULE = "Facts: the children behind the numbers"
SECOND_MODULE = "Court: the day of the hearing"
NEW_MODULE = "Practice: a conversation that helps"


def small_course() -> CoursePage:
    """A published course with two published modules in different stages, run by the demo trainer."""
    catalogue = CourseIndexPage.objects.get()
    course = CoursePage(
        title=COURSE_TITLE,
        slug="talking-with-children",
        summary="A short course on honest, age-appropriate conversations.",
        learning_outcomes="Explain what happens at court\nStart a conversation with a child",
        estimated_minutes=20,
        cpd_hours=Decimal("0.5"),
    )
    catalogue.add_child(instance=course)
    course.trainers.add(User.objects.get(email="trainer@example.org"))  # trainers author only courses they run
    course.save_revision().publish()
    two_sections = [
        {"type": "rich_text", "value": "<h2>How many children</h2><p>What to know about facts.</p>"},
        {"type": "rich_text", "value": "<h2>Where to find out more</h2><p>" + "Read the reports. " * 70 + "</p>"},
    ]
    for title, slug, stage, body in [
        (FIRST_MODULE, "facts", "facts", two_sections),
        (SECOND_MODULE, "court", "court", [{"type": "rich_text", "value": "<p>What to know about court.</p>"}]),
    ]:
        module = ModulePage(
            title=title, slug=slug, stage=stage, estimated_minutes=5, summary=f"About {slug}.", body=body
        )
        course.add_child(instance=module)
        module.save_revision().publish()
    return course


def assert_progress(page: Page, done: int, total: int = 3) -> None:
    """The progress bar is named by its "N of M required modules done" text."""
    bar = page.get_by_role("region", name="Your progress").get_by_role(
        "progressbar", name=f"{done} of {total} required modules done", exact=True
    )
    assert bar.get_attribute("value") == str(round(100 * done / total))


def statuses(page: Page) -> list[str]:
    """Each module's status, the task list's tag beside it, in the course's order."""
    journey = page.get_by_role("region", name="The family's journey")
    return [text.strip() for text in journey.locator(".govuk-task-list__status .govuk-tag").all_inner_texts()]


def done_badges(page: Page) -> int:
    return statuses(page).count("Completed")


def test_a_trainer_adds_a_module_an_administrator_approves_it_and_a_learner_completes_the_course(
    live_server, accessible_page: AccessiblePage, smtp_settings: SmtpSink
):
    call_command("seed_demo", allow_production=True)
    course = small_course()
    base = live_server.url
    page = accessible_page.page

    # A trainer drafts a module under the course and submits it for moderation.
    sign_in(accessible_page, base, "trainer@example.org")
    page.get_by_role("link", name="Authoring (CMS)").click()
    page.wait_for_url(base + "/cms/")
    accessible_page.check()
    accessible_page.goto(f"{base}/cms/pages/{course.pk}/")
    assert page.get_by_role("heading", name=COURSE_TITLE).is_visible()
    page.get_by_role("link", name="Add child page").click()
    # A course takes only modules, so Wagtail goes straight to the module form.
    page.wait_for_url(f"{base}/cms/pages/add/courses/modulepage/{course.pk}/")
    accessible_page.check()

    page.get_by_role("textbox", name="Title").first.fill(NEW_MODULE)
    page.get_by_label("Stage").select_option(label="Developing practice")
    page.get_by_label("Estimated minutes").fill("10")
    page.get_by_label("Summary").fill("What to say, and what to avoid, when a child asks where their parent is.")
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Callout").click()
    callout = page.get_by_role("region", name=re.compile(r"^Callout"))
    callout.get_by_label("Style").select_option(label="Tip")
    callout.get_by_label("Title").fill("Follow the child's lead")
    callout.get_by_label("Text").fill("Answer the question the child asked, honestly and simply.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.wait_for_url(f"{base}/cms/pages/{course.pk}/")
    wait_for_admin_messages(page)
    accessible_page.check()
    assert page.get_by_text(f"Page '{NEW_MODULE}' created and submitted for moderation.").is_visible()

    module = ModulePage.objects.get(title=NEW_MODULE)
    assert module.get_parent().specific == course
    assert not module.live
    assert module.workflow_in_progress
    assert module.status_string == "in moderation"
    assert [block.block_type for block in module.get_latest_revision_as_object().body] == ["callout"]
    sign_out(accessible_page, base)

    # An administrator approves it from the dashboard.
    sign_in(accessible_page, base, "admin@example.org")
    page.get_by_role("link", name="Authoring (CMS)").click()
    page.wait_for_url(base + "/cms/")
    accessible_page.check()
    awaiting = page.get_by_role("region", name="Awaiting your review")
    row = awaiting.get_by_role("row").filter(has=page.get_by_role("link", name=NEW_MODULE))
    row.get_by_role("button", name="Actions").click()
    # Approving posts a form and comes back to the dashboard, without a message.
    with page.expect_navigation(url=base + "/cms/"):
        row.get_by_role("button", name="Approve", exact=True).click()
    accessible_page.check()
    assert page.get_by_role("link", name=NEW_MODULE).count() == 0

    module.refresh_from_db()
    assert module.live
    assert not module.workflow_in_progress
    assert not module.has_unpublished_changes
    sign_out(accessible_page, base)

    # A learner finds the course, enrols and works through every module.
    sign_in(accessible_page, base, "learner@example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    page.wait_for_url(base + "/courses/")
    accessible_page.check()
    page.get_by_role("link", name=COURSE_TITLE).click()
    page.wait_for_url(base + course.url)
    accessible_page.check()
    page.get_by_role("button", name="Enrol on this course (free)").click()
    page.get_by_text(f"You are enrolled on {COURSE_TITLE}.").wait_for()
    accessible_page.check()
    assert_progress(page, 0)
    assert statuses(page) == ["Not yet started"] * 3
    stages = page.get_by_role("region", name="The family's journey").get_by_role("heading", level=3)
    assert stages.all_inner_texts() == ["Facts and figures", "Court", "Developing practice"]

    page.get_by_role("button", name=f"Start the course: {FIRST_MODULE}").click()
    page.wait_for_url(re.compile(r"/facts/$"))
    accessible_page.check()
    assert page.get_by_text("Module 1 of 3").is_visible()
    # The time it takes, and its sections as a contents list that leads to each.
    time_left = page.get_by_role("region", name="Time left")
    assert time_left.get_by_text("About 2 minutes to finish this module.").is_visible()
    outline = page.get_by_role("navigation", name="Module outline")
    assert outline.get_by_role("link").all_inner_texts() == ["How many children", "Where to find out more"]
    outline.get_by_role("link", name="Where to find out more").click()
    page.wait_for_url(re.compile(r"#section-"))
    assert page.get_by_role("heading", name="Where to find out more").is_visible()
    page.get_by_role("button", name="I have finished this module").click()
    page.get_by_text(f"“{FIRST_MODULE}” is marked as done.").wait_for()
    accessible_page.check()
    assert page.get_by_role("heading", level=1).inner_text() == SECOND_MODULE

    page.set_viewport_size(PHONE)
    # "My learning" on the learner's dashboard: the course's progress bar and a way back in.
    accessible_page.goto(base + "/account/")
    accessible_page.assert_fits(PHONE["width"])
    my_learning = page.get_by_role("region", name="My learning")
    assert my_learning.get_by_role("progressbar", name=f"{COURSE_TITLE} 33% done").get_attribute("value") == "33"
    assert my_learning.get_by_role("button", name=f"Continue: {SECOND_MODULE}").is_visible()
    accessible_page.goto(base + course.url)
    accessible_page.assert_fits(PHONE["width"])
    assert_progress(page, 1)
    assert statuses(page) == ["Completed", "In progress", "Not yet started"], "the second module was opened"

    page.get_by_role("button", name=f"Continue where you left off: {SECOND_MODULE}").click()
    page.wait_for_url(re.compile(r"/court/$"))
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])
    page.get_by_role("button", name="I have finished this module").click()
    page.get_by_text(f"“{SECOND_MODULE}” is marked as done.").wait_for()
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])
    # The approved module is part of the course, with the trainer's callout.
    assert page.get_by_role("heading", level=1).inner_text() == NEW_MODULE
    assert page.get_by_text("Module 3 of 3").is_visible()
    assert page.get_by_text("Follow the child's lead").is_visible()

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=COURSE_TITLE).click()
    page.wait_for_url(base + course.url)
    accessible_page.check()
    assert_progress(page, 2)
    assert done_badges(page) == 2
    page.get_by_role("button", name=f"Continue where you left off: {NEW_MODULE}").click()
    page.wait_for_url(base + module.url)
    accessible_page.check()
    page.get_by_role("button", name="I have finished this module").click()
    page.get_by_text("Well done: you have completed the course.").wait_for()
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])

    assert page.url == base + course.url
    assert page.get_by_text(re.compile(r"^Completed on \d{1,2} \w+ \d{4}\.$")).is_visible()
    assert_progress(page, 3)
    assert done_badges(page) == 3
    enrolment = Enrolment.objects.get(member__email="learner@example.org", course=course)
    assert enrolment.completed_at is not None

    # Exactly one completion email reaches the learner (and, from the certificates app, the certificate).
    arrived = smtp_settings.wait_for(2, to="learner@example.org")
    time.sleep(1.5)  # anything sent twice would arrive within this
    completion = [m for m in smtp_settings.messages_to("learner@example.org") if "You have completed" in m["Subject"]]
    assert len(completion) == 1, [m["Subject"] for m in arrived]
    [message] = completion
    assert COURSE_TITLE in message["Subject"]
    assert COURSE_TITLE in message_text(message)
