"""SCORM in headless Chromium, with both real packages from ../shared/fixtures:
a trainer uploads them in the Wagtail admin, an administrator places each in
a module of one course, and a learner takes each one through its pages, leaves
midway (going back to the module page for one, closing the tab for the
other), comes back to where they were, passes its quiz, and so completes the
course. The package runs on the separate content origin (127.0.0.1 beside
the platform's localhost), with scorm-again's runtime in the runtime frame beside it."""

import re
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from playwright.sync_api import Browser, Dialog, Page

from accounts.models import User
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from courses.services import enrolment_create
from scorm.models import ScormAttempt, ScormPackage
from scorm.selectors import package_report
from scorm.services import package_create, package_process
from tests.courses.factories import add_module, make_course, text_block
from tests.e2e.conftest import (
    PHONE,
    AccessiblePage,
    admin_inserts_block_and_publishes,
    sign_in,
    sign_out,
    wait_for_admin_messages,
)
from tests.e2e.golf import answer_the_quiz, launch_page
from tests.scorm.builders import MANIFEST_2004, make_zip

# PostgreSQL: the browser's commits land while the test reads attempts, and SQLite's shared
# in-memory test database locks whole tables, refusing (not delaying) a commit that meets a read.
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "scorm"
PACKAGES = {
    "1.2": FIXTURES / "RuntimeBasicCalls_SCORM12.zip",
    "2004 3rd Edition": FIXTURES / "RuntimeBasicCalls_SCORM20043rdEdition.zip",
}
# The sample course's launch page keeps its place as an index into its list of 15 pages; the last is the quiz.
QUIZ_PAGE = 14


def two_module_course() -> tuple[CoursePage, list[ModulePage]]:
    course = make_course(title="Golf as an example", modules=0)
    modules = [
        add_module(course, title=f"Package {number}", body=[text_block("Take the package below.")]) for number in (1, 2)
    ]
    return course, modules


def shown_page(page: Page) -> str:
    """Which of the sample course's pages its inner frame shows."""
    return launch_page(page).locator("#contentFrame").get_attribute("src") or ""


def attempt_of(member: User, module: ModulePage) -> ScormAttempt:
    return ScormAttempt.objects.get(member=member, module=module)


def wait_for(check: Any, message: str, page: Page) -> None:
    """Commits reach the server a moment after the browser sends them."""
    for _ in range(100):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError(message)


def wait_for_shown(page: Page, name: str, message: str) -> None:
    wait_for(lambda: shown_page(page).endswith(name), message, page)


@pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"{FIXTURES} is absent (the shared fixtures sit beside it)")
def test_a_trainer_uploads_both_fixture_packages_and_a_learner_leaves_resumes_and_completes_the_course(
    scorm_origins: str, browser: Browser, accessible_page: AccessiblePage
):
    call_command("seed_demo", allow_production=True)
    course, modules = two_module_course()
    base = scorm_origins
    page = accessible_page.page
    questions: list[str] = []  # what the package asked in dialogs (all answered yes)

    def answer_yes(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer_yes)

    # The trainer uploads both packages; each is checked and extracted, and the listing shows it ready.
    sign_in(accessible_page, base, "trainer@example.org")
    for version, path in PACKAGES.items():
        accessible_page.goto(base + "/cms/snippets/scorm/scormpackage/add/")
        page.locator("#id_upload").set_input_files(str(path))
        page.get_by_role("button", name="Save").first.click()
        page.wait_for_url(re.compile(r"/cms/snippets/scorm/scormpackage/$"))
        wait_for_admin_messages(page)
        accessible_page.check()
        assert page.get_by_text(f"Ready: Golf Explained - Run-time Basic Calls (SCORM {version}, 1 SCO)").is_visible()
    sign_out(accessible_page, base)
    # The demo content has packages of its own: these are the two the trainer uploaded.
    golf = ScormPackage.objects.filter(title="Golf Explained - Run-time Basic Calls")
    packages = [golf.get(version=version) for version in PACKAGES]
    for module, package in zip(modules, packages, strict=True):
        admin_inserts_block_and_publishes(browser, base, module.pk, block="SCORM package", choice=str(package))

    learner = User.objects.get(email="learner@example.org")
    sign_in(accessible_page, base, learner.email)
    accessible_page.goto(base + course.url)
    page.get_by_role("button", name="Enrol on this course (free)").click()
    accessible_page.check()

    for module in modules:
        module.refresh_from_db()
        # First visit: start, read three pages, then leave for the module page midway.
        accessible_page.goto(base + module.url)
        page.get_by_role("button", name=re.compile("^Start")).click()
        accessible_page.check()
        next_button = launch_page(page).get_by_role("button", name="Next ->")
        next_button.click()
        next_button.click()
        next_button.click()
        wait_for_shown(page, "Playing/OtherScoring.html", "the fourth page never showed")
        if module == modules[0]:  # leave by going back to the module page...
            accessible_page.goto(base + module.url)
        else:  # ...or by closing the tab, and coming back in a new one
            context = page.context
            page.close(run_before_unload=True)
            accessible_page = AccessiblePage(context.new_page(), accessible_page.csp_violations)
            page = accessible_page.page
            page.on("dialog", answer_yes)
            accessible_page.goto(base + module.url)
        wait_for(lambda m=module: attempt_of(learner, m).location == "3", "leaving did not save the place", page)
        attempt = attempt_of(learner, module)
        assert attempt.completed_at is None
        assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()
        accessible_page.goto(base + module.url)  # (the beacon may land after the page was first drawn)
        assert page.get_by_text("Attempt 1: in progress.").is_visible()

        # Second visit: the package is told to resume and offers the saved place (accepted), on a phone.
        questions.clear()
        page.set_viewport_size(PHONE)
        page.get_by_role("button", name=re.compile("^Resume")).click()
        accessible_page.check()
        accessible_page.assert_fits(PHONE["width"])
        wait_for_shown(page, "Playing/OtherScoring.html", "did not resume at page 4")
        assert questions == ["Would you like to resume from where you previously left off?"]
        next_button = launch_page(page).get_by_role("button", name="Next ->")
        page.set_viewport_size({"width": 1024, "height": 800})
        for _ in range(QUIZ_PAGE - 3):
            next_button.click()
        answer_the_quiz(page, rightly=True)
        launch_page(page).get_by_role("button", name="Exit").click()
        wait_for(lambda m=module: attempt_of(learner, m).completed_at is not None, "never completed", page)

        attempt = attempt_of(learner, module)
        sco = next(iter(attempt.cmi.values()))["cmi"]
        if module == modules[0]:  # SCORM 1.2
            assert sco["core"]["lesson_status"] == "passed" and sco["core"]["score"]["raw"] == "100"
        else:  # SCORM 2004
            assert sco["completion_status"] == "completed" and sco["success_status"] == "passed"
            assert sco["score"]["scaled"] == "1"
        assert (attempt.completion_status, attempt.success_status) == ("completed", "passed")
        assert attempt.location == str(QUIZ_PAGE)
        assert attempt.score_raw == Decimal(100)
        assert attempt.total_seconds >= 1  # both sessions' time, added up on the server
        assert ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()

    accessible_page.goto(base + course.url)
    assert Enrolment.objects.get(member=learner, course=course).completed_at is not None
    assert accessible_page.unchecked_pages() == []  # the tab opened after closing one (the fixture checks the first)


PART = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>
<body><h1>{name}</h1><button id="finish" type="button">Finish this part</button><script>
  var win = window;
  while (!win.API_1484_11 && win.parent !== win) {{ win = win.parent; }}
  var api = win.API_1484_11;
  api.Initialize("");
  document.getElementById("finish").onclick = function () {{
    // Authoring tools record a quiz's answers in one burst of calls: 30 interactions of 5 values here.
    for (var n = 0; n < 30; n++) {{
      api.SetValue("cmi.interactions." + n + ".id", "{name}-question-" + n);
      api.SetValue("cmi.interactions." + n + ".type", "choice");
      api.SetValue("cmi.interactions." + n + ".learner_response", "b");
      api.SetValue("cmi.interactions." + n + ".result", "correct");
      api.SetValue("cmi.interactions." + n + ".description", "Question " + n);
    }}
    api.SetValue("cmi.completion_status", "completed");
    api.SetValue("cmi.exit", "normal");
    api.Terminate("");
  }};
</script></body></html>"""


def test_a_learner_works_through_a_package_of_several_parts_with_the_contents_and_next_links(
    scorm_origins: str, accessible_page: AccessiblePage
):
    call_command("seed_demo", allow_production=True)
    base = scorm_origins
    data = make_zip(
        {
            "imsmanifest.xml": MANIFEST_2004.format(schemaversion="2004 4th Edition"),
            "content/arrest.html": PART.format(name="Arrest"),
            "content/court/index.html": PART.format(name="Court"),
            "content/prison.html": PART.format(name="Prison"),
        }
    )
    package = package_process(package_create(upload=ContentFile(data, name="parts.zip")).pk)
    course = make_course(title="Three parts", modules=0)
    block = {"type": "scorm", "value": {"package": package.pk, "required": True}, "id": str(uuid.uuid4())}
    module = add_module(course, title="Arrest to prison", body=[block])
    learner = User.objects.get(email="learner@example.org")
    enrolment_create(member=learner, course=course)
    page = accessible_page.page

    sign_in(accessible_page, base, learner.email)
    accessible_page.goto(base + module.url)
    page.get_by_role("button", name=re.compile("^Start")).click()
    contents = page.get_by_role("navigation", name="Contents of Arrest and court")
    for number, part in enumerate(["Arrest", "Court", "Prison"]):
        accessible_page.check()
        assert contents.get_by_role("link", name=part).get_attribute("aria-current") == "page"
        if number:  # the part before is marked done in the contents
            before = ["Arrest", "Court", "Prison"][number - 1]
            assert contents.get_by_role("listitem").filter(has_text=before).inner_text().endswith("(done)")
        launch_page(page).get_by_role("button", name="Finish this part").click()
        identifier = "abc"[number]
        wait_for(
            lambda i=identifier: (attempt_of(learner, module).cmi.get(i) or {}).get("met"), f"{part} never done", page
        )
        if part != "Prison":
            page.get_by_role("button", name=re.compile("^Next: ")).click()
            # The player first lets the part's final commit land, then loads the next part.
            page.wait_for_url(f"**?sco={'abc'[number + 1]}")

    assert attempt_of(learner, module).completed_at is not None
    assert ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()
    # Every recorded answer of every part reached the trainer's report.
    (row,) = package_report(package)
    assert len(row.interactions) == 90
    assert {item.id for item in row.interactions} == {
        f"{part}-question-{n}" for part in ("Arrest", "Court", "Prison") for n in range(30)
    }
    # Back to the first part with "Previous" links: the contents still say every part is done.
    page.get_by_role("button", name="Previous: Court").click()
    page.wait_for_url("**?sco=b")
    accessible_page.check()
    # The manifest's whole tree: the parent item is a heading, not a link.
    assert contents.get_by_role("listitem").all_inner_texts() == [
        "Part one",
        "Arrest (done)",
        "Court (done)",
        "Prison (done)",
    ]
    assert contents.get_by_role("link", name="Part one").count() == 0
