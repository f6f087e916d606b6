"""A quiz's life in headless Chromium: a trainer imports a GIFT file in the
Wagtail admin and builds a quiz from the imported category, an administrator
places it in a module and publishes, and a learner fails it, retakes it and
passes it, which completes the module (and, the module being the course's
only one, the course)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page

from courses.models import CourseIndexPage, CoursePage, ModulePage, ModuleProgress
from quizzes.models import Attempt, Question, Quiz
from tests.e2e.conftest import (
    PHONE,
    AccessiblePage,
    admin_inserts_block_and_publishes,
    sign_in,
    sign_out,
    wait_for_admin_messages,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GIFT = """\
::Children each year::About how many children a year in England and Wales see a parent imprisoned? {
=About 200,000#Right.
~About 2,000#Far too low.
}

::Mental health::Children with a parent in prison are about twice as likely to have mental health problems. {TRUE}

::Charity::Which charity runs i-HOP with POPS? {=Barnardo*}
"""
RIGHT = {"Children each year": "About 200,000", "Mental health": "True", "Charity": "Barnardo's"}
WRONG = {"Children each year": "About 2,000", "Mental health": "False", "Charity": "The council"}


def one_module_course() -> tuple[CoursePage, ModulePage]:
    catalogue = CourseIndexPage.objects.get()
    course = CoursePage(
        title="Knowing the figures",
        slug="knowing-the-figures",
        summary="The numbers behind parental imprisonment.",
        learning_outcomes="Know the figures",
        estimated_minutes=15,
        cpd_hours=Decimal("0.5"),
    )
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    module = ModulePage(
        title="The figures",
        slug="the-figures",
        stage="facts",
        estimated_minutes=10,
        summary="The key figures.",
        body=[{"type": "rich_text", "value": "<p>About 200,000 children a year.</p>"}],
    )
    course.add_child(instance=module)
    module.save_revision().publish()
    return course, module


def answer(page: Page, answers: dict[str, str]) -> None:
    """Answer by question, whatever order the attempt shuffled them into."""
    page.get_by_role("group", name=re.compile("About how many children")).get_by_label(
        answers["Children each year"]
    ).check()
    page.get_by_role("group", name=re.compile("twice as likely")).get_by_label(answers["Mental health"]).check()
    page.get_by_label("Which charity runs i-HOP with POPS?").fill(answers["Charity"])


def assert_in_view(page: Page, button: str) -> None:
    """The button is inside the screen as it is now, without scrolling to it."""
    box = page.get_by_role("button", name=button).bounding_box()
    height = page.viewport_size["height"]
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (box, height)


def test_a_trainer_imports_and_builds_a_quiz_and_a_learner_fails_retakes_and_passes_it(
    live_server, browser: Browser, accessible_page: AccessiblePage, tmp_path: Path
):
    call_command("seed_demo", allow_production=True)
    course, module = one_module_course()
    base = live_server.url
    page = accessible_page.page
    gift = tmp_path / "figures.gift"
    gift.write_text(GIFT, encoding="utf-8")

    # The trainer imports the GIFT file: upload, preview, import.
    sign_in(accessible_page, base, "trainer@example.org")
    accessible_page.goto(base + "/cms/")
    page.get_by_role("link", name="Import / export questions").click()
    page.wait_for_url(base + "/quizzes/bank/import/")
    accessible_page.check()
    page.get_by_label("File").set_input_files(str(gift))
    page.get_by_label("…or a new category").fill("Figures")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Preview: 3 questions from figures.gift").wait_for()
    accessible_page.check()
    assert not Question.objects.filter(category__name="Figures").exists()  # the preview wrote nothing
    page.get_by_role("button", name="Import 3 questions").click()
    page.wait_for_url(re.compile(r"/cms/snippets/quizzes/question/"))
    wait_for_admin_messages(page)
    accessible_page.check()
    assert page.get_by_text("Imported 3 question(s) from figures.gift").is_visible()

    # ...and builds a quiz that draws every question of the imported category.
    accessible_page.goto(base + "/cms/snippets/quizzes/quiz/add/")
    page.locator("#id_title").fill("Figures check")
    page.get_by_role("button", name="Choose question category").click()
    page.get_by_role("dialog").get_by_role("link", name="Figures", exact=True).click()
    page.locator("#id_random_count").fill("3")
    page.locator("#id_pass_mark").fill("70")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(re.compile(r"/cms/snippets/quizzes/quiz/$"))
    wait_for_admin_messages(page)
    accessible_page.check()
    quiz = Quiz.objects.get(title="Figures check")
    assert quiz.random_category.name == "Figures" and quiz.random_count == 3
    Quiz.objects.filter(pk=quiz.pk).update(review_right_answers_after_submit=True)  # the review shows them
    sign_out(accessible_page, base)

    # An administrator places it in the module as a required quiz and publishes.
    admin_inserts_block_and_publishes(browser, base, module.pk, block="Quiz", choice="Figures check")
    module.refresh_from_db()
    assert [block.block_type for block in module.body] == ["rich_text", "quiz"]
    assert module.body[1].value["required"] is True

    # The learner enrols and cannot finish the module before passing.
    sign_in(accessible_page, base, "learner@example.org")
    accessible_page.goto(base + course.url)
    page.get_by_role("button", name="Enrol on this course (free)").click()
    page.get_by_text("You are enrolled on Knowing the figures.").wait_for()
    accessible_page.check()
    accessible_page.goto(base + module.url)
    page.get_by_role("button", name="I have finished this module").click()
    page.get_by_text("Pass the quiz “Figures check” to finish this module.").wait_for()
    accessible_page.check()

    # First attempt: all wrong, on a phone.
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempt/\d+/$"))
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])
    # Each question is a group named by its legend, its number part of it.
    assert page.get_by_role("group", name=re.compile(r"^Question [1-3] of 3 ")).count() == 2
    # The progress and the submit button are on screen from the first question, and stay there.
    assert_in_view(page, "Submit my answers")
    assert page.get_by_text("0 of 3 questions answered").is_visible()
    answer(page, WRONG)
    assert_in_view(page, "Submit my answers")
    page.get_by_role("button", name="Submit my answers").click()
    page.get_by_text("0% — not passed").wait_for()
    accessible_page.check()
    accessible_page.assert_fits(PHONE["width"])
    # The review: a cross by each wrong answer, the right answers and the feedback on the one picked.
    assert page.get_by_text(re.compile(r"^✗ Wrong: 0 out of 1\.$")).count() == 3
    assert page.get_by_text("✗", exact=True).count() >= 3
    assert page.get_by_text("(a right answer)").count() == 2
    assert page.get_by_text("Far too low.").is_visible()
    assert page.get_by_text(re.compile(r"^Right answer: Barnardo")).is_visible()
    page.set_viewport_size({"width": 1024, "height": 800})
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()

    # Retake: answers saved as they go survive leaving the page, then pass.
    page.get_by_role("button", name="Back to The figures").click()
    page.wait_for_url(base + module.url)
    accessible_page.check()
    page.get_by_role("button", name="Try again").click()
    page.wait_for_url(re.compile(r"/quizzes/attempt/\d+/$"))
    accessible_page.check()
    answer(page, RIGHT)
    page.get_by_role("status").get_by_text("Your answers are saved.").wait_for()
    accessible_page.goto(base + module.url)
    page.get_by_role("button", name="Continue your attempt").click()
    page.wait_for_url(re.compile(r"/quizzes/attempt/\d+/$"))
    accessible_page.check()
    assert page.get_by_label("Which charity runs i-HOP with POPS?").input_value() == "Barnardo's"
    page.get_by_role("button", name="Submit my answers").click()
    page.get_by_text("100% — passed").wait_for()
    accessible_page.check()
    assert page.get_by_text(re.compile(r"^✓ Right: 1 out of 1\.$")).count() == 3

    # (The demo seeds an attempt of its own, at its own quiz.)
    assert list(Attempt.objects.filter(quiz=quiz).order_by("number").values_list("passed", flat=True)) == [
        False,
        True,
    ]
    progress = ModuleProgress.objects.get(module=module)
    assert progress.completed_at is not None
    assert progress.enrolment.completed_at is not None  # the course's only module
    accessible_page.goto(base + module.url)
    assert page.get_by_text("You have completed this module.").is_visible()
