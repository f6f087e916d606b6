"""Public SCORM 2004 sequencing examples, played in headless Chromium as their authors meant:
Rustici Software's "Golf Explained" sequencing samples (CC BY 3.0), the ones authoring-tool
vendors and LMS makers test against. Nobody on this project wrote them, so they show whether
scorm-again's engine, driven by the tree we build from their manifests, honours rules we did
not choose.

They are read from outside the repository: SCORM_SEQUENCING_SAMPLES names a folder holding
the unzipped samples (for instance src/test/resources/modules/scorm2004 of a clone of
github.com/jcputney/elearning-module-parser, which carries them). Each test skips, saying so,
when its sample is absent. docs/scorm.md says which were played and how they behaved."""

import io
import os
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Page, Route, expect

from accounts.models import User
from courses.models import ModulePage, ModuleProgress
from courses.services import enrolment_create
from scorm.models import ScormAttempt, ScormPackage
from scorm.services import package_create, package_process
from tests.accounts.factories import MemberFactory
from tests.courses.factories import add_module, make_course
from tests.e2e.conftest import AccessiblePage
from tests.e2e.golf import answer_the_quiz, launch_page
from tests.e2e.test_scorm_runtime import player_url, signed_in, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SAMPLES = Path(os.environ.get("SCORM_SEQUENCING_SAMPLES", "../shared/fixtures/scorm/sequencing")).resolve()


def sample(name: str) -> Path:
    folder = SAMPLES / name
    if not (folder / "imsmanifest.xml").is_file():
        pytest.skip(f"{folder} is absent: set SCORM_SEQUENCING_SAMPLES to a folder of Rustici's sequencing samples")
    return folder


def zipped(folder: Path) -> bytes:
    """The sample as a trainer would upload it: its folder zipped with the manifest at the root."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def placed(name: str, **block: Any) -> tuple[ScormPackage, ModulePage, User]:
    """The sample uploaded, placed as the only required package of a module, and a learner enrolled."""
    folder = sample(name)
    package = package_process(package_create(upload=ContentFile(zipped(folder), name=f"{name}.zip")).pk)
    assert package.status == ScormPackage.Status.READY, package.failure_reason
    course = make_course(title="Golf", modules=0)
    value = {"package": package.pk, "required": True, **block}
    module = add_module(course, title="The package", body=[{"type": "scorm", "value": value, "id": str(uuid.uuid4())}])
    learner: User = MemberFactory()
    enrolment_create(member=learner, course=course)
    return package, module, learner


def opened(name: str, origins: str, accessible_page: AccessiblePage) -> tuple[Page, ModulePage, User]:
    """The sample placed in a module (the "passed" rule) and its player open for the learner."""
    package, module, learner = placed(name, completion_rule="passed")
    signed_in(accessible_page.page, origins, learner)
    accessible_page.goto(player_url(origins, module, package))
    return accessible_page.page, module, learner


def delivered_sco(page: Page) -> str:
    """The item the player shows, once its launch page has started."""
    launch_page(page).locator("#contentFrame[src]").wait_for()
    return page.locator("[data-sco-item]:has([aria-current=page])").get_attribute("data-sco-item") or ""


def through_the_pages(page: Page) -> None:
    """The learner reads every page of the SCO with its own Next button; on the last page the
    sample marks itself completed (and, in the 3rd Edition samples, passed) and commits."""
    own_next = launch_page(page).locator("#butNext")
    while own_next.is_enabled():
        own_next.click()


def player_next(page: Page) -> None:
    """The player's own Next (a continue request), once the rules show it."""
    button = page.get_by_role("button", name="Next", exact=True)
    expect(button).to_be_visible()
    before = page.url
    button.click()
    page.wait_for_function("before => location.href !== before", arg=before)


def contents(page: Page) -> Any:
    return page.locator("nav.scorm-contents")


def module_completed(learner: User, module: ModulePage) -> bool:
    return ModuleProgress.objects.filter(module=module, enrolment__member=learner, completed_at__isnull=False).exists()


def walked(page: Page, accessible_page: AccessiblePage, *, failing: set[str], until: Any) -> list[str]:
    """The learner takes each part the player delivers, reading every page of a lesson and
    answering a quiz (wrongly where `failing` names it), then asks the player for the next
    part; until `until(part)` says to stop. The parts delivered, in order."""
    parts: list[str] = []
    while True:
        part = delivered_sco(page)
        parts.append(part)
        accessible_page.check()
        if part.startswith("test_") or part == "assessment_item":
            answer_the_quiz(page, rightly=part not in failing)
        else:
            through_the_pages(page)
        if until(part) or len(parts) > 20:
            return parts
        player_next(page)


def test_simple_remediation_sends_the_learner_back_through_what_a_failed_quiz_covers(
    scorm_origins: str, accessible_page: AccessiblePage
):
    page, module, learner = opened("SequencingSimpleRemediation_SCORM20043rdEdition", scorm_origins, accessible_page)

    # Flow only: four lessons, then four quizzes; the learner fails the handicapping quiz.
    lessons = ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item"]
    expect(page.get_by_role("button", name="Previous")).to_be_hidden()
    assert contents(page).get_by_role("link").count() == 0  # choice="false"
    first = walked(page, accessible_page, failing={"test_3"}, until=lambda part: part == "test_4")
    assert first == [*lessons, "test_1", "test_2", "test_3", "test_4"]
    assert not module_completed(learner, module)

    # The last quiz exits the wrapper, whose rule retries it while an objective is unmet: the
    # learner is sent back to the handicapping lesson alone, then to its quiz alone.
    player_next(page)
    again = walked(page, accessible_page, failing=set(), until=lambda part: part == "test_3")
    assert again == ["handicapping_item", "test_3"]

    # Every quiz is passed: as the learner leaves the last, the package's rollup satisfies it
    # and the module completes.
    assert not module_completed(learner, module)
    player_next(page)
    wait_for(lambda: module_completed(learner, module), "passing every quiz never completed the module", page)
    attempt = ScormAttempt.objects.get(member=learner)
    assert (attempt.completion_status, attempt.success_status) == ("completed", "passed")

    # The Having Fun Quiz comes round once more: its own sequencingRules (the exitParent that
    # ends each round) replace the collection's skip rule, element by element as the CAM says,
    # so every round ends with it. Leaving it now, the wrapper is satisfied and exits all.
    assert delivered_sco(page) == "test_4"
    accessible_page.check()
    answer_the_quiz(page, rightly=True)
    page.get_by_role("button", name="Next", exact=True).click()
    page.wait_for_url("**/the-package/")
    accessible_page.check()
    assert module_completed(learner, module)


def test_forced_sequential_order_opens_each_lesson_only_after_the_one_before(
    scorm_origins: str, accessible_page: AccessiblePage
):
    page, module, learner = opened("SequencingForcedSequential_SCORM20043rdEdition", scorm_origins, accessible_page)

    # Choice is allowed, but every part after the first is disabled until the one before it
    # is satisfied: shown in the contents, never a link.
    assert delivered_sco(page) == "playing_item"
    expect(contents(page).get_by_text("Etiquette")).to_be_visible()
    assert contents(page).get_by_role("link").count() == 0

    # Asking for a later part by its address is refused: the player stays where it was.
    asked = page.url.split("?")[0] + "?sco=handicapping_item"
    page.goto(asked)
    page.wait_for_url("**?sco=playing_item")
    assert delivered_sco(page) == "playing_item"
    accessible_page.check()
    # The engine replaced the page asked for before axe could run on it; the one it became
    # has just been checked.
    accessible_page.checked.add(asked)

    through_the_pages(page)
    player_next(page)
    assert delivered_sco(page) == "etuqiette_item"
    accessible_page.check()
    # The satisfied lesson can be chosen again; the ones after the current are still closed.
    expect(contents(page).get_by_role("link", name="Playing the Game")).to_be_visible()
    assert contents(page).get_by_role("link", name="Handicapping").count() == 0

    rest = walked(page, accessible_page, failing=set(), until=lambda part: part == "assessment_item")
    assert rest == ["etuqiette_item", "handicapping_item", "havingfun_item", "assessment_item"]
    page.get_by_role("button", name="Next", exact=True).click()
    page.wait_for_url("**/the-package/")
    accessible_page.check()
    wait_for(lambda: module_completed(learner, module), "the passed quiz never completed the module", page)


# The 4th Edition sample loads jQuery and jQuery UI from Google's CDN, which this machine
# cannot reach; the launch page only uses them for its notes dialog, so a stand-in with the
# two calls it makes ($(…).dialog() and $(…).val()) is served in their place.
JQUERY_STAND_IN = """window.$ = window.jQuery = function (selector) {
  var element = document.querySelector(selector);
  return {
    dialog: function () { return this; },
    val: function (value) { if (value === undefined) { return element.value; } element.value = value; return this; }
  };
};"""


def stand_in_for_the_cdn(route: Route) -> None:
    body = JQUERY_STAND_IN if route.request.url.endswith("/jquery.min.js") else ""
    route.fulfill(status=200, content_type="text/javascript", body=body)


def test_4th_edition_post_test_jumps_to_the_test_keeps_notes_across_scos_and_rolls_up(
    scorm_origins: str, accessible_page: AccessiblePage
):
    accessible_page.page.context.route("https://ajax.googleapis.com/**", stand_in_for_the_cdn)
    page, module, learner = opened("SequencingPostTestRollup4thEd_SCORM20044thEdition", scorm_origins, accessible_page)

    # The quiz is hidden from the contents until the last lesson is completed or it is tried.
    assert delivered_sco(page) == "playing_item"
    expect(contents(page).get_by_text("Etiquette")).to_be_visible()
    expect(contents(page).get_by_text("Quiz")).to_be_hidden()
    assert contents(page).get_by_role("link").count() == 0

    # A note kept in the shared data bucket, then "Skip to the Test": a jump request that
    # passes over the order the lessons are otherwise taken in.
    launch_page(page).locator("#txtNotes").fill("Par 3 for a 175 yard hole")
    launch_page(page).get_by_role("button", name="Save").click()
    before = page.url
    launch_page(page).get_by_role("button", name="Skip to the Test").click()
    page.wait_for_function("before => location.href !== before", arg=before)
    assert delivered_sco(page) == "assessment_item"
    accessible_page.check()

    # The quiz is another SCO mapping the same bucket: the note is there.
    launch_page(page).get_by_role("button", name="Notes").click()
    expect(launch_page(page).locator("#txtNotes")).to_have_value("Par 3 for a 175 yard hole")

    # Only the post-test counts towards rollup: passing it satisfies and completes the package.
    answer_the_quiz(page, rightly=True)
    page.get_by_role("button", name="Next", exact=True).click()
    page.wait_for_url("**/the-package/")
    accessible_page.check()
    wait_for(lambda: module_completed(learner, module), "the passed post-test never completed the module", page)
    attempt = ScormAttempt.objects.get(member=learner)
    assert (attempt.completion_status, attempt.success_status) == ("completed", "passed")


def test_passing_the_pre_test_tests_out_of_the_course_and_closes_both_tests(
    scorm_origins: str, accessible_page: AccessiblePage
):
    page, module, learner = opened("SequencingPreOrPostTestRollup_SCORM20043rdEdition", scorm_origins, accessible_page)

    # Free navigation, but the post-test stays closed until every lesson is completed.
    assert delivered_sco(page) == "pretest_item"
    expect(contents(page).get_by_role("link", name="Playing the Game")).to_be_visible()
    expect(contents(page).get_by_text("Post Test")).to_be_visible()
    assert contents(page).get_by_role("link", name="Post Test").count() == 0

    answer_the_quiz(page, rightly=True)
    player_next(page)
    # Testing out: the course is satisfied and complete without a lesson taken, and both
    # tests are closed.
    wait_for(lambda: module_completed(learner, module), "passing the pre-test never completed the module", page)
    assert delivered_sco(page) == "playing_item"
    accessible_page.check()
    assert contents(page).get_by_role("link", name="Pre Test").count() == 0
    assert contents(page).get_by_role("link", name="Post Test").count() == 0
    attempt = ScormAttempt.objects.get(member=learner)
    assert (attempt.completion_status, attempt.success_status) == ("completed", "passed")


def test_a_random_test_from_the_bank_and_after_a_failure_a_second_draw(
    scorm_origins: str, accessible_page: AccessiblePage
):
    page, module, learner = opened("SequencingRandomTest_SCORM20043rdEdition", scorm_origins, accessible_page)

    bank = {"test_1", "test_2", "test_3", "test_4"}
    lessons = walked(page, accessible_page, failing=bank, until=lambda part: part in bank)
    assert lessons[:4] == ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item"]
    (first_test,) = lessons[4:]
    assert not module_completed(learner, module)

    # The failed test is retried at once, as one of the bank drawn afresh.
    player_next(page)
    second_test = delivered_sco(page)
    assert second_test in bank
    accessible_page.check()
    answer_the_quiz(page, rightly=True)
    page.get_by_role("button", name="Next", exact=True).click()
    page.wait_for_url("**/the-package/")
    accessible_page.check()
    wait_for(lambda: module_completed(learner, module), "the passed post-test never completed the module", page)
    print(f"\nrandom test bank: first {first_test}, then {second_test}")
