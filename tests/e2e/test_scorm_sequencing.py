"""SCORM 2004 sequencing in headless Chromium, one rule per test, with manifests written
here: scorm-again's engine in the runtime frame decides which SCO is delivered, which
parts of the contents are links and whether Previous and Next show, and acts on the
content's adl.nav.request; its state is kept on the server between pages and browsers.

Each SCO reports what it saw in its body's data-report attribute (tests/scorm/builders.py)
and defines `ask(request)`, which sets adl.nav.request and terminates, as content does."""

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Browser, Page, expect

from accounts.choices import Role
from accounts.models import User
from courses.models import ModulePage, ModuleProgress
from courses.services import enrolment_create
from scorm.models import ScormAttempt, ScormPackage
from scorm.services import package_create, package_process
from tests.accounts.factories import PASSWORD, MemberFactory
from tests.courses.factories import add_module, make_course
from tests.e2e.conftest import AccessiblePage, sign_in
from tests.e2e.test_scorm_runtime import player_url, reported, signed_in, wait_for
from tests.scorm.builders import make_zip, sco_page

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NAMESPACES = (
    'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
    'xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
    'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"'
)

# Every SCO: starts, completes, reports what the runtime told it, and can ask for navigation.
SCRIPT = """api.Initialize("");
var me = document.title;
api.SetValue("cmi.completion_status", "completed");
window.ask = function (request) {
  api.SetValue("adl.nav.request", request);
  api.Terminate("");
};
report({
  me: me,
  entry: api.GetValue("cmi.entry"),
  continueValid: api.GetValue("adl.nav.request_valid.continue"),
  previousValid: api.GetValue("adl.nav.request_valid.previous"),
  choiceValid: {
    a: api.GetValue("adl.nav.request_valid.choice.{target=a}"),
    c: api.GetValue("adl.nav.request_valid.choice.{target=c}"),
    d: api.GetValue("adl.nav.request_valid.choice.{target=d}")
  }
});"""


def always(action: str) -> str:
    return (
        "<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>"
        f'<imsss:ruleCondition condition="always"/></imsss:ruleConditions><imsss:ruleAction action="{action}"/>'
        "</imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>"
    )


def sequenced(
    items: dict[str, str],
    organization: str,
    scripts: dict[str, str] | None = None,
    *,
    learner: User | None = None,
    clusters: dict[str, tuple[str, list[str]]] | None = None,
    **block: Any,
) -> tuple[ScormPackage, ModulePage, User]:
    """A package of one SCO per item (identifier → XML inside the item), its organization's
    sequencing `organization`, placed in a module of a new course that `learner` (else a new
    learner) is enrolled on. Each SCO runs SCRIPT, or its own entry of `scripts`. `clusters`
    (identifier → its sequencing XML and the items it holds) nests items in a parent item,
    placed where its first item would be."""
    parents = {child: cluster for cluster, (_, children) in (clusters or {}).items() for child in children}

    def item(identifier: str) -> str:
        title = f"<title>Part {identifier}</title>"
        return f'<item identifier="{identifier}" identifierref="r-{identifier}">{title}{items[identifier]}</item>'

    def cluster(identifier: str) -> str:
        xml, children = (clusters or {})[identifier]
        inner = "".join(item(child) for child in children)
        return f'<item identifier="{identifier}"><title>Unit {identifier}</title>{inner}{xml}</item>'

    body = "".join(
        item(identifier)
        if identifier not in parents
        else cluster(parents[identifier])
        if (clusters or {})[parents[identifier]][1][0] == identifier
        else ""
        for identifier in items
    )
    resources = "".join(
        f'<resource identifier="r-{identifier}" type="webcontent" adlcp:scormType="sco" href="{identifier}.html">'
        f'<file href="{identifier}.html"/></resource>'
        for identifier in items
    )
    manifest = (
        f'<?xml version="1.0"?><manifest identifier="m" version="1" {NAMESPACES}>'
        "<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>"
        f'<organizations default="o"><organization identifier="o"><title>Sequenced</title>{body}{organization}'
        f"</organization></organizations><resources>{resources}</resources></manifest>"
    )
    pages = {
        f"{identifier}.html": sco_page("2004 4th Edition", (scripts or {}).get(identifier, SCRIPT), title=identifier)
        for identifier in items
    }
    package = package_process(
        package_create(upload=ContentFile(make_zip({"imsmanifest.xml": manifest, **pages}), name="seq.zip")).pk
    )
    assert package.status == ScormPackage.Status.READY, package.failure_reason
    course = make_course(title="Sequencing", modules=0)
    value = {"package": package.pk, "required": True, **block}
    module = add_module(course, title="The package", body=[{"type": "scorm", "value": value, "id": str(uuid.uuid4())}])
    learner = learner or MemberFactory()
    enrolment_create(member=learner, course=course)
    return package, module, learner


def player_opened(
    accessible_page: AccessiblePage, origins: str, learner: User, module: ModulePage, package: ScormPackage
) -> Page:
    """The learner signed in and the package's player open in the module."""
    signed_in(accessible_page.page, origins, learner)
    accessible_page.goto(player_url(origins, module, package))
    return accessible_page.page


def contents(page: Page) -> Any:
    return page.get_by_role("navigation", name="Contents of Sequenced")


def ask(page: Page, request: str) -> None:
    """The SCO in the player asks for navigation and terminates."""
    page.frame_locator("#scorm-runtime").frame_locator("#sco").locator("body[data-report]").evaluate(
        "(body, request) => window.ask(request)", request
    )


def delivered(page: Page, sco: str, *, first: bool = False) -> dict[str, Any]:
    """The player moved to `sco` (or, on the page first opened, launched it) and the SCO ran."""
    if not first:
        page.wait_for_url(f"**?sco={sco}")
    seen = reported(page)
    assert seen["me"] == sco
    return seen


def controls_settled(page: Page) -> None:
    """The engine has told the page what the rules allow (Previous/Next or a contents link shows)."""
    page.wait_for_function(
        "document.querySelector('[data-sco-request]:not([hidden])') || document.querySelector('[data-sco-choice]')"
    )


FORCED = '<imsss:sequencing><imsss:controlMode choice="false" flow="true" forwardOnly="true"/></imsss:sequencing>'


def test_forced_sequential_order_offers_only_next_and_refuses_a_later_part(
    scorm_origins: str, accessible_page: AccessiblePage
):
    package, module, learner = sequenced({"a": "", "b": "", "c": ""}, FORCED)
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)

    # Asking for the last part straight away gets the first: choice is off.
    asked = player_url(scorm_origins, module, package, sco="c")
    page.goto(asked)
    seen = delivered(page, "a")
    accessible_page.check()
    # The engine replaced that page (the same player page on another part) before axe could
    # run on it; the page it became has just been checked.
    accessible_page.checked.add(asked)
    assert seen["choiceValid"]["c"] == "false"
    assert (seen["continueValid"], seen["previousValid"]) == ("true", "false")
    controls_settled(page)
    expect(page.get_by_role("button", name="Next")).to_be_visible()
    expect(page.get_by_role("button", name="Previous")).to_be_hidden()
    assert contents(page).get_by_role("link").count() == 0  # choice="false": no part is a link
    expect(contents(page).get_by_text("Part c")).to_be_visible()

    started = time.monotonic()
    page.get_by_role("button", name="Next").click()
    delivered(page, "b")
    print(f"\nsequencing: player Next → next SCO loaded in {time.monotonic() - started:.2f} s")
    accessible_page.check()
    controls_settled(page)
    # forwardOnly: no way back.
    expect(page.get_by_role("button", name="Previous")).to_be_hidden()

    started = time.monotonic()
    ask(page, "continue")
    delivered(page, "c")
    print(f"sequencing: content continue → next SCO loaded in {time.monotonic() - started:.2f} s")
    accessible_page.check()


def test_a_pre_condition_skips_disables_and_hides_parts(scorm_origins: str, accessible_page: AccessiblePage):
    package, module, learner = sequenced(
        {"a": "", "b": always("skip"), "c": always("hiddenFromChoice"), "d": always("disabled")},
        '<imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>',
    )
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    seen = delivered(page, "a", first=True)
    assert (seen["choiceValid"]["c"], seen["choiceValid"]["d"]) == ("false", "false")
    controls_settled(page)
    listing = contents(page)
    expect(listing.get_by_text("Part c")).to_be_hidden()  # hidden from choice: not shown
    expect(listing.get_by_text("Part d")).to_be_visible()  # disabled: shown, not a link
    assert listing.get_by_role("link", name="Part d").count() == 0
    expect(listing.get_by_role("link", name="Part b")).to_be_visible()  # skip acts on flow only
    accessible_page.check()

    # Continue skips b and delivers c (hidden from choice, not from flow).
    ask(page, "continue")
    delivered(page, "c")
    accessible_page.check()


def test_jump_and_choice_requests_from_the_content(scorm_origins: str, accessible_page: AccessiblePage):
    package, module, learner = sequenced(
        {"a": "", "b": "", "c": "", "d": ""},
        '<imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>',
    )
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "a", first=True)

    ask(page, "{target=c}jump")  # "Skip to the Test"
    delivered(page, "c")
    accessible_page.check()
    ask(page, "{target=a}choice")
    seen = delivered(page, "a")
    accessible_page.check()
    # Part a's content left it without suspending, which ended its attempt: coming back begins
    # a new attempt, and the SCO starts afresh.
    assert seen["entry"] == "ab-initio"


def test_suspend_all_then_resume_in_another_browser_context(
    scorm_origins: str, accessible_page: AccessiblePage, browser: Browser
):
    package, module, learner = sequenced({"a": "", "b": "", "c": ""}, FORCED)
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "a", first=True)
    ask(page, "continue")
    delivered(page, "b")
    accessible_page.check()
    ask(page, "suspendAll")
    page.wait_for_url("**/the-package/")
    accessible_page.check()
    wait_for(
        lambda: (
            json.loads(ScormAttempt.objects.get(member=learner).sequencing_state or "{}")
            .get("sequencing", {})
            .get("suspendedActivity")
            == "b"
        ),
        "the suspended state never reached the server",
        page,
    )

    other = browser.new_context(viewport={"width": 1024, "height": 800})
    try:
        elsewhere = AccessiblePage(other.new_page())
        signed_in(elsewhere.page, scorm_origins, learner)
        elsewhere.goto(player_url(scorm_origins, module, package))
        seen = delivered(elsewhere.page, "b", first=True)
        assert seen["entry"] == "resume"
        controls_settled(elsewhere.page)
        expect(elsewhere.page.get_by_role("button", name="Previous")).to_be_hidden()  # still forward only
        elsewhere.check()
    finally:
        other.close()


# A post-test the learner answers (the test calls `answer(score)`), so each attempt scores what
# the learner gave; the SCO reports the attempt's entry and its statuses as it starts.
ANSWERED_TEST_SCRIPT = SCRIPT.replace(
    "report({",
    """window.answer = function (score) {
  api.SetValue("cmi.score.scaled", String(score));
  api.SetValue("cmi.success_status", score >= 0.8 ? "passed" : "failed");
  api.SetValue("cmi.suspend_data", "answered " + score);  // where a real test would resume
};
report({
  success: api.GetValue("cmi.success_status"),
  suspendData: api.GetValue("cmi.suspend_data"),""",
)


def answer(page: Page, score: float) -> None:
    """The learner answers the post-test in the player with `score`."""
    page.frame_locator("#scorm-runtime").frame_locator("#sco").locator("body[data-report]").evaluate(
        "(body, score) => window.answer(score)", score
    )


POST_TEST_ROLLUP = """<imsss:sequencing>
  <imsss:controlMode choice="true" flow="true"/>
  <imsss:rollupRules>
    <imsss:rollupRule childActivitySet="any">
      <imsss:rollupConditions><imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions>
      <imsss:rollupAction action="satisfied"/></imsss:rollupRule>
    <imsss:rollupRule childActivitySet="any">
      <imsss:rollupConditions><imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions>
      <imsss:rollupAction action="completed"/></imsss:rollupRule>
  </imsss:rollupRules>
</imsss:sequencing>"""


# What the post-test and remediation manifests share: a part whose objective does not count
# towards its parent's, a forced order, and a test passed at 80 %.
NOT_ROLLED_UP = '<imsss:sequencing><imsss:rollupRules rollupObjectiveSatisfied="false"/></imsss:sequencing>'
FLOW_ONLY = '<imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>'
PASSED_AT_80 = (
    '<imsss:objectives><imsss:primaryObjective objectiveID="passed" satisfiedByMeasure="true">'
    "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>"
)


def test_a_post_test_pass_rolls_up_to_complete_the_module_and_a_fail_does_not(
    scorm_origins: str, accessible_page: AccessiblePage
):
    package, module, learner = sequenced(
        {"lesson": NOT_ROLLED_UP, "test": f"<imsss:sequencing>{PASSED_AT_80}</imsss:sequencing>"},
        POST_TEST_ROLLUP,
        {"test": ANSWERED_TEST_SCRIPT},
        completion_rule="passed",
    )
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "lesson", first=True)
    ask(page, "continue")
    delivered(page, "test")
    accessible_page.check()

    # A failed test: every part is completed, yet the course is not satisfied.
    answer(page, 0.5)
    ask(page, "previous")
    delivered(page, "lesson")
    accessible_page.check()
    attempt = ScormAttempt.objects.get(member=learner)
    assert attempt.cmi["test"]["cmi"]["score"]["scaled"] == "0.5"
    assert attempt.success_status != "passed"
    assert attempt.completed_at is None
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()

    ask(page, "continue")
    delivered(page, "test")
    accessible_page.check()
    answer(page, 0.9)
    ask(page, "exitAll")
    page.wait_for_url("**/the-package/")
    accessible_page.check()

    def completed() -> bool:
        attempt.refresh_from_db()
        return attempt.completed_at is not None

    wait_for(completed, "the passed post-test never completed the attempt", page)
    assert (attempt.completion_status, attempt.success_status) == ("completed", "passed")
    assert attempt.score_scaled is not None
    assert ModuleProgress.objects.get(module=module, enrolment__member=learner).completed_at is not None


def activity_state(learner: User, activity: str) -> dict[str, Any]:
    """The engine's stored state of one activity of the learner's attempt."""
    state = json.loads(ScormAttempt.objects.get(member=learner).sequencing_state or "{}")
    return state.get("sequencing", {}).get("activityStates", {}).get(activity, {})


# Remediation: a failed post-test sends the learner back to the lesson it covers, as long as
# the test may be attempted again (attemptLimit 2); the second failure moves on.
REMEDIATED_TEST = f"""<imsss:sequencing>
  <imsss:sequencingRules><imsss:postConditionRule>
    <imsss:ruleConditions conditionCombination="all">
      <imsss:ruleCondition operator="not" condition="satisfied"/>
      <imsss:ruleCondition operator="not" condition="attemptLimitExceeded"/>
    </imsss:ruleConditions>
    <imsss:ruleAction action="previous"/>
  </imsss:postConditionRule></imsss:sequencingRules>
  <imsss:limitConditions attemptLimit="2"/>
  {PASSED_AT_80}
</imsss:sequencing>"""


def test_a_failed_post_test_sends_the_learner_back_to_its_lesson_until_its_attempt_limit(
    scorm_origins: str, accessible_page: AccessiblePage
):
    package, module, learner = sequenced(
        {"lesson": NOT_ROLLED_UP, "test": REMEDIATED_TEST, "wrap": NOT_ROLLED_UP},
        FLOW_ONLY,
        {"test": ANSWERED_TEST_SCRIPT},
        completion_rule="passed",
    )
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "lesson", first=True)
    ask(page, "continue")
    delivered(page, "test")

    # The first failure: back to the lesson it covers, not on to the wrap-up.
    answer(page, 0.5)
    ask(page, "continue")
    delivered(page, "lesson")
    accessible_page.check()
    assert activity_state(learner, "test")["attemptCount"] == 1

    ask(page, "continue")
    seen = delivered(page, "test")
    accessible_page.check()
    # A new attempt at the test: it starts afresh, not on the failed attempt's answers.
    assert (seen["entry"], seen["success"], seen["suspendData"]) == ("ab-initio", "unknown", "")
    # The second failure uses the last attempt allowed: the learner moves on.
    answer(page, 0.6)
    ask(page, "continue")
    delivered(page, "wrap")
    accessible_page.check()
    wait_for(
        lambda: activity_state(learner, "test").get("attemptCount") == 2,
        "the test's attempts never reached the server",
        page,
    )
    # The test is used up: going back does not open it again.
    controls_settled(page)
    page.get_by_role("button", name="Previous").click()
    expect(page.get_by_role("status")).to_have_text("The package does not allow that now.")
    assert page.url.endswith("?sco=wrap")
    attempt = ScormAttempt.objects.get(member=learner)
    assert attempt.success_status != "passed"
    assert attempt.completed_at is None


# Every SCO of the shared-data package: reports the bucket it maps (adl.data.0) as it starts,
# and `write(value)` stores into it.
SHARED_DATA_SCRIPT = SCRIPT.replace(
    "report({",
    """window.write = function (value) { api.SetValue("adl.data.0.store", value); api.Commit(""); };
report({
  bucket: api.GetValue("adl.data.0.id"),
  notes: api.GetValue("adl.data.0.store"),""",
)

NOTES_BUCKET = '<adlcp:data><adlcp:map targetID="notes" readSharedData="true" writeSharedData="true"/></adlcp:data>'


def write(page: Page, value: str) -> None:
    """The SCO in the player writes `value` into its shared data bucket."""
    page.frame_locator("#scorm-runtime").frame_locator("#sco").locator("body[data-report]").evaluate(
        "(body, value) => window.write(value)", value
    )


def test_shared_data_written_by_one_sco_is_read_by_another_and_kept_on_the_server(
    scorm_origins: str, accessible_page: AccessiblePage, browser: Browser
):
    package, module, learner = sequenced(
        {"a": NOTES_BUCKET, "b": NOTES_BUCKET},
        '<imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>',
        {"a": SHARED_DATA_SCRIPT, "b": SHARED_DATA_SCRIPT},
    )
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    seen = delivered(page, "a", first=True)
    assert (seen["bucket"], seen["notes"]) == ("notes", "")
    write(page, "Talk to Sam's teacher")
    ask(page, "continue")
    seen = delivered(page, "b")
    accessible_page.check()
    assert seen["notes"] == "Talk to Sam's teacher"
    write(page, "Teacher called back")
    ask(page, "previous")
    seen = delivered(page, "a")
    accessible_page.check()
    assert seen["notes"] == "Teacher called back"

    # Kept on the server with the learner's attempt: another browser reads the same notes.
    wait_for(
        lambda: "Teacher called back" in (ScormAttempt.objects.get(member=learner).sequencing_state or ""),
        "the shared data never reached the server",
        page,
    )
    other = browser.new_context(viewport={"width": 1024, "height": 800})
    try:
        elsewhere = AccessiblePage(other.new_page())
        signed_in(elsewhere.page, scorm_origins, learner)
        elsewhere.goto(player_url(scorm_origins, module, package, sco="b"))
        seen = delivered(elsewhere.page, "b", first=True)
        assert seen["notes"] == "Teacher called back"
        elsewhere.check()
    finally:
        other.close()


GLOBAL = "urn:ihop:safeguarding-basics"
# The pre-test's pass is written to the global objective; the lesson it stands for reads it.
WRITES_GLOBAL = f"""<imsss:sequencing><imsss:objectives>
  <imsss:primaryObjective objectiveID="pretest" satisfiedByMeasure="true">
    <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
    <imsss:mapInfo targetObjectiveID="{GLOBAL}" readSatisfiedStatus="false" writeSatisfiedStatus="true"/>
  </imsss:primaryObjective></imsss:objectives></imsss:sequencing>"""


def reads_global(action: str) -> str:
    """An item that takes `action` (a pre-condition) once the global objective is satisfied."""
    return f"""<imsss:sequencing>
  <imsss:sequencingRules><imsss:preConditionRule>
    <imsss:ruleConditions>
      <imsss:ruleCondition referencedObjective="known" condition="satisfied"/></imsss:ruleConditions>
    <imsss:ruleAction action="{action}"/></imsss:preConditionRule></imsss:sequencingRules>
  <imsss:objectives><imsss:primaryObjective objectiveID="done"/>
    <imsss:objective objectiveID="known"><imsss:mapInfo targetObjectiveID="{GLOBAL}"/></imsss:objective>
  </imsss:objectives></imsss:sequencing>"""


FLOW_AND_CHOICE = '<imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>'


def test_a_global_objective_is_shared_by_two_scos_and_by_two_packages(
    scorm_origins: str, accessible_page: AccessiblePage
):
    pretest, pretest_module, learner = sequenced(
        {"pretest": WRITES_GLOBAL, "lesson": reads_global("skip"), "wrap": ""},
        FLOW_AND_CHOICE,
        {"pretest": ANSWERED_TEST_SCRIPT},
    )
    recap, recap_module, _ = sequenced(
        {"practice": "", "recap": reads_global("hiddenFromChoice")}, FLOW_AND_CHOICE, learner=learner
    )
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)
    # Before the pre-test, the other package offers its recap.
    accessible_page.goto(player_url(scorm_origins, recap_module, recap))
    delivered(page, "practice", first=True)
    controls_settled(page)
    expect(contents(page).get_by_role("link", name="Part recap")).to_be_visible()

    # Passing the pre-test satisfies the global objective, so its own package skips the lesson.
    accessible_page.goto(player_url(scorm_origins, pretest_module, pretest))
    delivered(page, "pretest", first=True)
    answer(page, 0.9)
    ask(page, "continue")
    delivered(page, "wrap")
    accessible_page.check()

    # The other package maps the same global objective: its recap is now hidden.
    accessible_page.goto(player_url(scorm_origins, recap_module, recap))
    delivered(page, "practice", first=True)
    controls_settled(page)
    expect(contents(page).get_by_text("Part recap")).to_be_hidden()
    accessible_page.check()


@pytest.mark.parametrize("last_request", ["continue", "exitAll"])
def test_ending_with_exit_all_rolls_the_package_up_as_ending_with_continue_does(
    scorm_origins: str, accessible_page: AccessiblePage, last_request: str
):
    package, module, learner = sequenced({"a": "", "b": ""}, FLOW_AND_CHOICE)
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "a", first=True)
    ask(page, "continue")
    delivered(page, "b")
    accessible_page.check()
    # Both parts are completed; the learner leaves from the last one.
    ask(page, last_request)
    page.wait_for_url("**/the-package/")
    accessible_page.check()

    def completed() -> bool:
        return ScormAttempt.objects.get(member=learner).completed_at is not None

    wait_for(completed, f"ending with {last_request} never completed the attempt", page)
    assert ScormAttempt.objects.get(member=learner).completion_status == "completed"
    assert ModuleProgress.objects.get(module=module, enrolment__member=learner).completed_at is not None


HIDES_PLAYER_BUTTONS = """<adlnav:presentation><adlnav:navigationInterface>
  <adlnav:hideLMSUI>continue</adlnav:hideLMSUI><adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
</adlnav:navigationInterface></adlnav:presentation>"""


def test_adlnav_presentation_hides_the_players_buttons_while_the_content_still_navigates(
    scorm_origins: str, accessible_page: AccessiblePage
):
    package, module, learner = sequenced({"a": "", "b": HIDES_PLAYER_BUTTONS, "c": ""}, FLOW_AND_CHOICE)
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "a", first=True)
    controls_settled(page)
    expect(page.get_by_role("button", name="Next")).to_be_visible()
    page.get_by_role("button", name="Next").click()

    # Part b brings its own navigation: the player's Previous and Next are hidden, though the rules allow both.
    seen = delivered(page, "b")
    assert (seen["continueValid"], seen["previousValid"]) == ("true", "true")
    page.wait_for_function("document.querySelector('[data-sco-choice]')")  # the engine has answered
    expect(page.get_by_role("button", name="Next")).to_be_hidden()
    expect(page.get_by_role("button", name="Previous")).to_be_hidden()
    accessible_page.check()
    ask(page, "continue")
    delivered(page, "c")
    controls_settled(page)
    expect(page.get_by_role("button", name="Previous")).to_be_visible()
    accessible_page.check()


def test_exit_ends_the_part_and_leaves_the_learner_to_choose_the_next(
    scorm_origins: str, accessible_page: AccessiblePage
):
    package, module, learner = sequenced({"a": "", "b": ""}, FLOW_AND_CHOICE)
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "a", first=True)
    ask(page, "exit")
    # Nothing is delivered after a plain exit: the learner stays, and their own Next moves on.
    wait_for(lambda: activity_state(learner, "a").get("isActive") is False, "the exit never reached the server", page)
    assert page.url.endswith(player_url(scorm_origins, module, package))
    expect(page.get_by_role("status")).to_have_text("This part has ended. Choose where to go next.")
    page.get_by_role("button", name="Next").click()
    delivered(page, "b")
    accessible_page.check()
    assert activity_state(learner, "a")["completionStatus"] == "completed"


def test_abandon_all_leaves_without_the_abandoned_part_counting(scorm_origins: str, accessible_page: AccessiblePage):
    package, module, learner = sequenced({"a": "", "b": ""}, FLOW_AND_CHOICE)
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "a", first=True)
    ask(page, "continue")
    delivered(page, "b")
    accessible_page.check()
    # Part b reported itself completed, then the content abandons the session.
    ask(page, "abandonAll")
    page.wait_for_url("**/the-package/")
    accessible_page.check()
    wait_for(
        lambda: activity_state(learner, "b").get("isActive") is False, "the abandon never reached the server", page
    )
    attempt = ScormAttempt.objects.get(member=learner)
    assert attempt.completed_at is None
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()


# Remediation by retry: a unit of a lesson and its test is attempted again, from the lesson,
# while its test is failed and the unit has attempts left.
RETRIED_UNIT = """<imsss:sequencing>
  <imsss:controlMode choice="false" flow="true"/>
  <imsss:sequencingRules><imsss:postConditionRule>
    <imsss:ruleConditions conditionCombination="all">
      <imsss:ruleCondition operator="not" condition="satisfied"/>
      <imsss:ruleCondition operator="not" condition="attemptLimitExceeded"/>
    </imsss:ruleConditions>
    <imsss:ruleAction action="retry"/>
  </imsss:postConditionRule></imsss:sequencingRules>
  <imsss:limitConditions attemptLimit="3"/>
</imsss:sequencing>"""

UNIT_TEST = f"""<imsss:sequencing>
  <imsss:sequencingRules><imsss:postConditionRule>
    <imsss:ruleConditions><imsss:ruleCondition condition="always"/></imsss:ruleConditions>
    <imsss:ruleAction action="exitParent"/>
  </imsss:postConditionRule></imsss:sequencingRules>
  {PASSED_AT_80}
</imsss:sequencing>"""


def test_a_failed_unit_is_retried_from_its_lesson_and_its_pass_moves_on(
    scorm_origins: str, accessible_page: AccessiblePage
):
    package, module, learner = sequenced(
        {"lesson": NOT_ROLLED_UP, "test": UNIT_TEST, "wrap": NOT_ROLLED_UP},
        FLOW_ONLY,
        {"test": ANSWERED_TEST_SCRIPT},
        clusters={"unit": (RETRIED_UNIT, ["lesson", "test"])},
    )
    page = player_opened(accessible_page, scorm_origins, learner, module, package)
    delivered(page, "lesson", first=True)
    ask(page, "continue")
    delivered(page, "test")
    answer(page, 0.5)
    ask(page, "continue")
    # The unit begins again: the lesson first, then a fresh test.
    seen = delivered(page, "lesson")
    accessible_page.check()
    assert seen["entry"] == "ab-initio"
    ask(page, "continue")
    seen = delivered(page, "test")
    accessible_page.check()
    assert (seen["entry"], seen["success"]) == ("ab-initio", "unknown")
    answer(page, 0.9)
    ask(page, "continue")
    # Passed: the unit is not retried, and the learner moves on.
    delivered(page, "wrap")
    accessible_page.check()
    wait_for(
        lambda: activity_state(learner, "unit").get("attemptCount") == 2,
        "the unit's attempts never reached the server",
        page,
    )


def test_a_trainer_uploading_malformed_sequencing_is_told_which_item_and_nothing_is_stored(
    scorm_origins: str, accessible_page: AccessiblePage, tmp_path: Path
):
    broken = always("retry")  # retry is a post-condition action, never a pre-condition's
    manifest = (
        f'<?xml version="1.0"?><manifest identifier="m" version="1" {NAMESPACES}>'
        "<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>"
        '<organizations default="o"><organization identifier="o"><title>Broken</title>'
        f'<item identifier="test" identifierref="r"><title>Post-test</title>{broken}</item>'
        '</organization></organizations><resources><resource identifier="r" type="webcontent" '
        'adlcp:scormType="sco" href="test.html"><file href="test.html"/></resource></resources></manifest>'
    )
    upload = tmp_path / "broken.zip"
    upload.write_bytes(make_zip({"imsmanifest.xml": manifest, "test.html": sco_page("2004 4th Edition", SCRIPT)}))
    trainer = MemberFactory(role=Role.TRAINER)
    page = accessible_page.page
    sign_in(accessible_page, scorm_origins, trainer.email, PASSWORD)

    accessible_page.goto(scorm_origins + "/cms/snippets/scorm/scormpackage/add/")
    page.locator("#id_upload").set_input_files(str(upload))
    page.get_by_role("button", name="Save").first.click()
    # Refused on the form itself, beside the upload field, before anything is stored.
    error = page.locator(".w-field__errors, .error-message").filter(has_text="The sequencing of the item")
    expect(error.first).to_contain_text(
        "The sequencing of the item “Post-test” (test) is malformed: the preConditionRule action “retry”"
    )
    assert "/add/" in page.url
    accessible_page.check()
    assert not ScormPackage.objects.exists()
