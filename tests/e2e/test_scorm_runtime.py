"""The SCORM runtime in headless Chromium, rule by rule, with packages written here
(small HTML SCOs and their manifests, tests/scorm/builders.py): the API's error codes,
`_count`, commits of 18 SCOs walked as fast as the player allows, assets, SCORM 1.2
LMSFinish, pass marks from the manifest, the rollup of a failed SCO, resume on the SCO
left, interactions across sessions, and a package that loads a script from an https:
CDN. Each SCO runs in the runtime frame on the content origin (127.0.0.1 beside the
platform's localhost) and reports what it saw in its body's data-report attribute."""

import json
import ssl
import subprocess
import threading
import uuid
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from playwright.sync_api import Browser, Page

from accounts.models import User
from courses.models import ModulePage, ModuleProgress
from courses.services import enrolment_create
from scorm.models import ScormAttempt, ScormPackage
from scorm.selectors import package_report
from scorm.services import package_create, package_process
from tests.accounts.factories import MemberFactory
from tests.conftest import CHROMIUM
from tests.courses.factories import add_module, make_course
from tests.e2e.conftest import AccessiblePage
from tests.scorm.builders import make_zip, manifest, sco_page

# PostgreSQL: the browser's commits land while the test reads attempts (see test_scorm_journey.py).
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def placed(version: str, items: list[dict[str, str]], pages: dict[str, str], **block: Any) -> tuple:
    """A package built from these items and pages, placed in a module of a course a new learner is enrolled on."""
    files: dict[str, bytes | str] = {"imsmanifest.xml": manifest(version, items), **pages}
    package = package_process(package_create(upload=ContentFile(make_zip(files), name="runtime.zip")).pk)
    assert package.status == ScormPackage.Status.READY, package.failure_reason
    if block.pop("strict", False):
        ScormPackage.objects.filter(pk=package.pk).update(strict_content_policy=True)
    course = make_course(title="Runtime", modules=0)
    value = {"package": package.pk, "required": True, **block}
    module = add_module(course, title="The package", body=[{"type": "scorm", "value": value, "id": str(uuid.uuid4())}])
    learner = MemberFactory()
    enrolment_create(member=learner, course=course)
    return package, module, learner


def signed_in(page: Page, base: str, member: User) -> None:
    """The learner's session in the browser (signing in through the form is the journeys' part)."""
    client = Client()
    client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])


def player_url(base: str, module: ModulePage, package: ScormPackage, sco: str = "") -> str:
    return f"{base}/scorm/play/{module.pk}/{package.pk}/" + (f"?sco={sco}" if sco else "")


def reported(page: Page) -> dict[str, Any]:
    """What the SCO now in the player reported (waits for it)."""
    body = page.frame_locator("#scorm-runtime").frame_locator("#sco").locator("body[data-report]")
    body.wait_for()
    return json.loads(body.get_attribute("data-report") or "{}")


def attempt_of(member: User, module: ModulePage) -> ScormAttempt:
    return ScormAttempt.objects.get(member=member, module=module)


def wait_for(check: Any, message: str, page: Page) -> None:
    """Commits reach the server a moment after the browser sends them."""
    for _ in range(100):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError(message)


def leave_to_module(accessible_page: AccessiblePage) -> None:
    """The learner follows the player's link back to the module (the player commits first)."""
    page = accessible_page.page
    page.get_by_role("link", name="Back to The package").click()
    page.wait_for_url("**/the-package/")
    accessible_page.check()


@pytest.mark.parametrize(
    ("version", "script", "expected"),
    [
        (
            "1.2",
            """api.LMSInitialize("");
            var answer = function (result) { return [result, api.LMSGetLastError()]; };
            report({
              readOnly: answer(api.LMSSetValue("cmi.core.student_id", "someone-else")),
              invalid: answer(api.LMSSetValue("cmi.core.lesson_status", "finished")),
              badScore: answer(api.LMSSetValue("cmi.core.score.raw", "lots")),
              unknown: answer(api.LMSSetValue("cmi.core.nonsense", "x")),
              writeOnly: answer(api.LMSGetValue("cmi.core.exit")),
              learner: api.LMSGetValue("cmi.core.student_id"),
              good: answer(api.LMSSetValue("cmi.core.lesson_location", "page-2"))
            });""",
            {
                "readOnly": ["false", "403"],
                "invalid": ["false", "405"],
                "badScore": ["false", "405"],
                "unknown": ["false", "401"],
                "writeOnly": ["", "404"],
                "good": ["true", "0"],
            },
        ),
        (
            "2004 4th Edition",
            """api.Initialize("");
            var answer = function (result) { return [result, api.GetLastError()]; };
            report({
              readOnly: answer(api.SetValue("cmi.learner_id", "someone-else")),
              invalid: answer(api.SetValue("cmi.completion_status", "finished")),
              outOfRange: answer(api.SetValue("cmi.score.scaled", "2")),
              outOfOrder: answer(api.SetValue("cmi.interactions.3.id", "q3")),
              unknown: answer(api.SetValue("cmi.nonsense", "x")),
              writeOnly: answer(api.GetValue("cmi.exit")),
              notSet: answer(api.GetValue("cmi.location")),
              learner: api.GetValue("cmi.learner_id"),
              good: answer(api.SetValue("cmi.location", "page-2"))
            });""",
            {
                "readOnly": ["false", "404"],
                "invalid": ["false", "406"],
                "outOfRange": ["false", "407"],
                "outOfOrder": ["false", "351"],
                "unknown": ["false", "401"],
                "writeOnly": ["", "405"],
                "notSet": ["", "403"],
                "good": ["true", "0"],
            },
        ),
    ],
)
def test_invalid_and_read_only_writes_answer_with_the_standards_error_codes(
    scorm_origins: str, accessible_page: AccessiblePage, version: str, script: str, expected: dict[str, Any]
):
    package, module, learner = placed(version, [{"identifier": "a"}], {"a.html": sco_page(version, script)})
    signed_in(accessible_page.page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))

    answers = reported(accessible_page.page)

    assert {key: value for key, value in answers.items() if key != "learner"} == expected
    assert answers["learner"] == str(learner.pk)  # the refused write left the learner's id as it was


def test_interactions_count_follows_each_new_interaction(scorm_origins: str, accessible_page: AccessiblePage):
    script = """api.Initialize("");
    var counts = [api.GetValue("cmi.interactions._count")];
    for (var n = 0; n < 3; n++) {
      api.SetValue("cmi.interactions." + n + ".id", "question-" + n);
      api.SetValue("cmi.interactions." + n + ".type", "true-false");
      counts.push(api.GetValue("cmi.interactions._count"));
    }
    report({counts: counts, second: api.GetValue("cmi.interactions.1.id")});"""
    version = "2004 4th Edition"
    package, module, learner = placed(version, [{"identifier": "a"}], {"a.html": sco_page(version, script)})
    signed_in(accessible_page.page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))

    assert reported(accessible_page.page) == {"counts": ["0", "1", "2", "3"], "second": "question-1"}


def test_eighteen_scos_walked_as_fast_as_the_player_allows_keep_every_scos_state(
    scorm_origins: str, accessible_page: AccessiblePage
):
    # Each SCO records its place and resume data at once and never finishes: leaving it by the
    # Next link must still store its state before the next one launches.
    script = """api.LMSInitialize("");
    var me = document.title;
    api.LMSSetValue("cmi.core.lesson_location", me + "-place");
    api.LMSSetValue("cmi.suspend_data", me + "-data");
    api.LMSSetValue("cmi.core.lesson_status", "completed");
    report({me: me});"""
    names = [f"s{number:02d}" for number in range(18)]
    package, module, learner = placed(
        "1.2",
        [{"identifier": name, "title": f"Part {name}"} for name in names],
        {f"{name}.html": sco_page("1.2", script, title=name) for name in names},
    )
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))
    for number, name in enumerate(names):
        assert reported(page) == {"me": name}
        if number:
            accessible_page.check()  # every page opened passes axe (the first was checked by goto)
        if number + 1 < len(names):
            page.get_by_role("button", name=f"Next: Part {names[number + 1]}").click()
            page.wait_for_url(f"**?sco={names[number + 1]}")
    leave_to_module(accessible_page)

    attempt = attempt_of(learner, module)
    stored = {name: attempt.cmi.get(name, {}).get("cmi", {}) for name in names}
    assert {name: (cmi.get("core") or {}).get("lesson_location") for name, cmi in stored.items()} == {
        name: f"{name}-place" for name in names
    }
    assert {name: cmi.get("suspend_data") for name, cmi in stored.items()} == {name: f"{name}-data" for name in names}
    assert attempt.completed_at is not None  # every SCO completed, so the package is
    assert attempt.last_sco == names[-1]
    accessible_page.goto(player_url(scorm_origins, module, package, sco=names[0]))
    assert page.get_by_role("navigation", name="Contents of Runtime test").get_by_text("(done)").count() == 18


def test_an_asset_is_completed_when_it_opens(scorm_origins: str, accessible_page: AccessiblePage):
    # An asset is a plain page that never looks for the API.
    package, module, learner = placed(
        "1.2",
        [{"identifier": "reading", "kind": "asset"}],
        {"reading.html": '<!doctype html><html lang="en"><title>Read</title><body><p>Just read this.</p></html>'},
    )
    signed_in(accessible_page.page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))

    attempt = attempt_of(learner, module)
    assert (attempt.completion_status, attempt.completed_at is not None) == ("completed", True)
    assert ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()


def test_lmsfinish_completes_a_12_sco_that_never_set_its_status(scorm_origins: str, accessible_page: AccessiblePage):
    script = """api.LMSInitialize("");
    api.LMSSetValue("cmi.core.lesson_location", "end");
    var finished = api.LMSFinish("");
    report({finished: finished});"""
    package, module, learner = placed("1.2", [{"identifier": "a"}], {"a.html": sco_page("1.2", script)})
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))

    assert reported(page) == {"finished": "true"}
    wait_for(lambda: attempt_of(learner, module).completed_at is not None, "never completed", page)
    attempt = attempt_of(learner, module)
    assert attempt.cmi["a"]["cmi"]["core"]["lesson_status"] == "completed"
    assert attempt.completion_status == "completed"


def test_the_manifests_mastery_score_judges_the_raw_score_on_lmsfinish(
    scorm_origins: str, accessible_page: AccessiblePage
):
    script = """api.LMSInitialize("");
    var mastery = api.LMSGetValue("cmi.student_data.mastery_score");
    api.LMSSetValue("cmi.core.score.raw", "70");
    api.LMSFinish("");
    report({mastery: mastery});"""
    package, module, learner = placed(
        "1.2",
        [{"identifier": "a", "item_xml": "<adlcp:masteryscore>80</adlcp:masteryscore>"}],
        {"a.html": sco_page("1.2", script)},
        completion_rule="passed",
    )
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))

    assert reported(page) == {"mastery": "80"}
    wait_for(lambda: attempt_of(learner, module).success_status == "failed", "the score was not judged", page)
    attempt = attempt_of(learner, module)
    assert attempt.cmi["a"]["cmi"]["core"]["lesson_status"] == "failed"  # 70 is below the manifest's 80
    assert attempt.completed_at is None


def test_a_failed_sco_does_not_meet_a_passed_rule(scorm_origins: str, accessible_page: AccessiblePage):
    # The second SCO's pass mark comes from its manifest (minNormalizedMeasure, satisfied by
    # measure); it reports a scaled score below it and no success status of its own.
    version = "2004 4th Edition"
    passing = (
        '<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="court-goal" '
        'satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>'
        "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>"
    )
    first = """api.Initialize("");
    api.SetValue("cmi.completion_status", "completed");
    api.SetValue("cmi.success_status", "passed");
    api.SetValue("cmi.score.scaled", "1");
    api.Terminate("");
    report({done: true});"""
    second = """api.Initialize("");
    var passing = api.GetValue("cmi.scaled_passing_score");
    var objective = api.GetValue("cmi.objectives.0.id");
    api.SetValue("cmi.completion_status", "completed");
    api.SetValue("cmi.score.scaled", "0.5");
    api.Terminate("");
    report({passing: passing, objective: objective});"""
    package, module, learner = placed(
        version,
        [{"identifier": "arrest", "title": "Arrest"}, {"identifier": "court", "title": "Court", "item_xml": passing}],
        {"arrest.html": sco_page(version, first), "court.html": sco_page(version, second)},
        completion_rule="passed",
    )
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))
    assert reported(page) == {"done": True}
    page.get_by_role("button", name="Next: Court").click()
    page.wait_for_url("**?sco=court")
    accessible_page.check()
    assert reported(page) == {"passing": "0.8", "objective": "court-goal"}
    wait_for(lambda: "court" in attempt_of(learner, module).cmi, "the second SCO never committed", page)

    attempt = attempt_of(learner, module)
    assert attempt.cmi["court"]["success"] == "failed"
    assert (attempt.completion_status, attempt.success_status) == ("completed", "failed")  # rolled up over both
    assert attempt.score_scaled == Decimal("0.75")  # the average of 1 and 0.5
    assert attempt.completed_at is None
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()


def test_resume_reopens_the_sco_the_learner_left_at_its_place(scorm_origins: str, accessible_page: AccessiblePage):
    script = """api.LMSInitialize("");
    var seen = {entry: api.LMSGetValue("cmi.core.entry"), place: api.LMSGetValue("cmi.core.lesson_location")};
    if (!seen.place) { api.LMSSetValue("cmi.core.lesson_location", document.title + "-page-3"); }
    report(seen);"""
    names = ["arrest", "court", "prison"]
    package, module, learner = placed(
        "1.2",
        [{"identifier": name, "title": name.title(), "parent": "The journey"} for name in names],
        {f"{name}.html": sco_page("1.2", script, title=name) for name in names},
    )
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))
    contents = page.get_by_role("navigation", name="Contents of Runtime test")
    assert contents.get_by_role("listitem").all_inner_texts() == ["The journey", "Arrest", "Court", "Prison"]
    assert reported(page) == {"entry": "ab-initio", "place": ""}
    page.get_by_role("button", name="Next: Court").click()
    page.wait_for_url("**?sco=court")
    accessible_page.check()
    assert reported(page) == {"entry": "ab-initio", "place": ""}
    leave_to_module(accessible_page)

    page.get_by_role("button", name="Resume").click()  # no SCO named: the player picks where the learner was
    accessible_page.check()
    assert contents.get_by_role("link", name="Court").get_attribute("aria-current") == "page"
    assert reported(page) == {"entry": "resume", "place": "court-page-3"}


def test_interactions_are_appended_across_two_sessions(scorm_origins: str, accessible_page: AccessiblePage):
    script = """api.Initialize("");
    var start = Number(api.GetValue("cmi.interactions._count"));
    for (var n = start; n < start + 2; n++) {
      api.SetValue("cmi.interactions." + n + ".id", "question-" + n);
      api.SetValue("cmi.interactions." + n + ".type", "choice");
      api.SetValue("cmi.interactions." + n + ".learner_response", "b");
      api.SetValue("cmi.interactions." + n + ".result", n % 2 ? "incorrect" : "correct");
      api.SetValue("cmi.interactions." + n + ".latency", "PT" + (n + 1) + "S");
    }
    report({start: start, first: start ? api.GetValue("cmi.interactions.0.id") : ""});"""
    version = "2004 4th Edition"
    package, module, learner = placed(version, [{"identifier": "a"}], {"a.html": sco_page(version, script)})
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)
    accessible_page.goto(player_url(scorm_origins, module, package))
    assert reported(page) == {"start": 0, "first": ""}
    leave_to_module(accessible_page)

    accessible_page.goto(player_url(scorm_origins, module, package))
    assert reported(page) == {"start": 2, "first": "question-0"}  # handed back: _count continues
    leave_to_module(accessible_page)

    (row,) = package_report(package)
    assert [(item.id, item.result, item.latency) for item in row.interactions] == [
        ("question-0", "correct", "PT1S"),
        ("question-1", "incorrect", "PT2S"),
        ("question-2", "correct", "PT3S"),
        ("question-3", "incorrect", "PT4S"),
    ]


# --- a package that loads a script from an https: CDN ----------------------------

CDN_HOST = "cdn.scorm-test.example"


class _CdnScript(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"window.fromCdn = 'loaded';"
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def cdn(tmp_path: Path) -> Iterator[str]:
    """A second loopback host name serving a script over https (a self-signed certificate)."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={CDN_HOST}"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CdnScript)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://{CDN_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def cdn_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium that resolves the CDN's name to loopback and accepts its self-signed certificate."""
    cdn_aware = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            f"--host-resolver-rules=MAP {CDN_HOST} 127.0.0.1",
            "--ignore-certificate-errors",
        ],
    )
    yield cdn_aware
    cdn_aware.close()


@pytest.mark.parametrize(("strict", "loaded"), [(False, "loaded"), (True, "")])
def test_a_package_loading_a_script_from_an_https_cdn_plays_unless_its_policy_is_strict(
    scorm_origins: str, cdn: str, cdn_browser: Browser, strict: bool, loaded: str
):
    script = """api.LMSInitialize("");
    var loaded = window.fromCdn || "";
    if (loaded) { api.LMSSetValue("cmi.core.lesson_status", "completed"); }
    api.LMSCommit("");
    report({cdn: loaded});"""
    head = f'<script src="{cdn}/player.js"></script>'
    package, module, learner = placed(
        "1.2", [{"identifier": "a"}], {"a.html": sco_page("1.2", script, head=head)}, strict=strict
    )
    context = cdn_browser.new_context(viewport={"width": 1024, "height": 800})
    accessible_page = AccessiblePage(context.new_page())
    page = accessible_page.page
    signed_in(page, scorm_origins, learner)
    page.goto(player_url(scorm_origins, module, package))

    assert reported(page) == {"cdn": loaded}
    # axe after the SCO has run: under the strict policy the blocked script's CSP report would
    # otherwise land while Playwright injects axe, and fail the injection.
    accessible_page.check()
    if loaded:
        wait_for(lambda: attempt_of(learner, module).completed_at is not None, "never completed", page)
    unchecked = accessible_page.unchecked_pages()
    context.close()
    assert unchecked == []
