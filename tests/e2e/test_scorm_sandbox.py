"""What SCORM content cannot do, tried from inside the content frame in real
Chromium: read the platform's page, its cookies or its storage, make a
credentialed request to it, navigate the top window, or write to another
learner's attempt with forged messages (the runtime's own protocol, posted from the SCO's
window) or a stolen
commit token.

Each attempt runs in the content frame's own JavaScript context (Playwright's
`frame.evaluate`), exactly as a package's script would."""

import json
import re
import uuid
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from playwright.sync_api import Frame, Page, Request

from accounts.models import User
from courses.services import enrolment_create
from scorm.models import ScormAttempt, ScormPackage
from scorm.selectors import scorm_placements
from scorm.services import attempt_commit, package_create, package_process, player_launch
from tests.accounts.factories import MemberFactory
from tests.courses.factories import add_module, make_course
from tests.e2e.conftest import AccessiblePage, sign_in
from tests.scorm.builders import package_12

# PostgreSQL: the browser's commits land while the test reads attempts, and SQLite's shared
# in-memory test database locks whole tables, refusing (not delaying) a commit that meets a read.
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# A SCO that finds its API the standard way, starts and records a place.
PROBE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title></head>
<body><h1>Probe</h1><script>
  var win = window;
  while (!win.API && win.parent !== win) { win = win.parent; }
  win.API.LMSInitialize("");
  win.API.LMSSetValue("cmi.core.lesson_location", "probe");
  document.body.setAttribute("data-started", "yes");
</script></body></html>"""

ESCAPES = """async ({platform, stolen}) => {
  const outcome = {};
  const attempt = async (name, action) => {
    try { outcome[name] = "allowed: " + String(await action()); }
    catch (error) { outcome[name] = "refused: " + error.name; }
  };
  await attempt("read the parent page", () => window.top.document.body.innerHTML);
  await attempt("read the player page's globals", () => Object.keys(window.top.document.defaultView || {}));
  await attempt("read the platform's cookies", () => window.top.document.cookie);
  outcome["own cookies"] = document.cookie;
  await attempt("read the platform's local storage", () => localStorage.getItem("platform-secret"));
  await attempt("read the platform's session storage", () => sessionStorage.getItem("platform-secret"));
  await attempt("credentialed request to the platform", async () => {
    const response = await fetch(platform + "/account/", {credentials: "include"});
    return response.status + " " + (await response.text()).slice(0, 80);
  });
  await attempt("credentialed commit with a stolen token", () => fetch(platform + "/scorm/commit/", {
    method: "POST", mode: "no-cors", credentials: "include",
    body: JSON.stringify({token: stolen.token, sequence: 2 ** 40, sco: stolen.sco, session: "forged",
                          cmi: {core: {lesson_status: "failed", lesson_location: "forged"}}}),
  }).then(response => response.type));
  await attempt("navigate the top window", () => {
    window.top.location.href = platform + "/?escaped=1";
    return "set";
  });
  // Forged messages to the player's page: the runtime's own protocol sent from the SCO's
  // window (not the runtime frame), dressed up with another learner's attempt and token,
  // and the same from the runtime frame itself (the content can script it: same origin).
  const forged = {scorm: "commit", final: true, attempt: stolen.attempt, token: stolen.token, sco: stolen.sco,
                  cmi: {core: {lesson_status: "failed", lesson_location: "forged-from-sco"}}};
  window.top.postMessage(forged, "*");
  window.parent.API.LMSSetValue("cmi.core.lesson_location", "forged");
  window.parent.API.LMSCommit("");
  const answers = {};
  await new Promise(resolve => setTimeout(resolve, 1500));
  outcome["forged messages"] = answers;
  return outcome;
}"""


def victim_attempt(module: Any, package: ScormPackage) -> tuple[ScormAttempt, str]:
    """Another learner, mid-way through the same package in the same module, and their genuine token."""
    victim = MemberFactory()
    enrolment_create(member=victim, course=module.get_parent().specific)
    placement = scorm_placements(module)[0]
    launch = player_launch(member=victim, module=module, placement=placement)
    attempt_commit(
        attempt_id=launch.attempt.pk,
        member=victim,
        sequence=1,
        sco="i1",
        session="victim",
        cmi={"core": {"lesson_status": "incomplete", "lesson_location": "victim-place"}, "suspend_data": "v"},
        placement=placement,
    )
    return ScormAttempt.objects.get(pk=launch.attempt.pk), launch.token


def content_frame(page: Page) -> Frame:
    page.frame_locator("#scorm-runtime").frame_locator("#sco").locator("body[data-started=yes]").wait_for()
    return next(frame for frame in page.frames if "/scorm-content/" in frame.url)


def test_content_cannot_escape_its_frame_or_write_to_another_learners_attempt(
    scorm_origins: str, accessible_page: AccessiblePage
):
    call_command("seed_demo", allow_production=True)
    base = scorm_origins
    package = package_process(
        package_create(upload=ContentFile(package_12(title="Probe", **{"index.html": PROBE}), name="p.zip")).pk
    )
    course = make_course(title="Sandbox", modules=0)
    block = {"type": "scorm", "value": {"package": package.pk, "required": True}, "id": str(uuid.uuid4())}
    module = add_module(course, title="Probe module", body=[block])
    learner = User.objects.get(email="learner@example.org")
    enrolment_create(member=learner, course=course)
    victim, stolen_token = victim_attempt(module, package)
    before = ScormAttempt.objects.filter(pk=victim.pk).values().get()

    page = accessible_page.page
    content_requests: list[Request] = []
    page.on("request", lambda request: content_requests.append(request) if "127.0.0.1" in request.url else None)
    sign_in(accessible_page, base, learner.email)
    accessible_page.goto(base + module.url)
    page.evaluate("() => [localStorage, sessionStorage].forEach(store => store.setItem('platform-secret', 's3cret'))")
    page.get_by_role("button", name=re.compile("^Start")).click()
    player_url = page.url
    accessible_page.check()

    outcome = content_frame(page).evaluate(
        ESCAPES, {"platform": base, "stolen": {"token": stolen_token, "attempt": victim.pk, "sco": "i1"}}
    )
    report = json.dumps(outcome, indent=1)

    assert outcome["read the parent page"] == "refused: SecurityError", report
    assert outcome["read the player page's globals"] == "refused: SecurityError", report
    assert outcome["read the platform's cookies"] == "refused: SecurityError", report
    assert "sessionid" not in outcome["own cookies"] and "csrftoken" not in outcome["own cookies"], report
    # Chromium refuses storage to this third-party frame outright; were it allowed, it would be the content
    # origin's own storage, without the platform's secret.
    assert "s3cret" not in outcome["read the platform's local storage"], report
    assert "s3cret" not in outcome["read the platform's session storage"], report
    assert outcome["credentialed request to the platform"] == "refused: TypeError", report  # CORS: nothing readable
    assert outcome["navigate the top window"] == "refused: SecurityError", report

    page.wait_for_timeout(500)
    assert page.url == player_url  # the top window stayed on the player
    # The platform's session cookie never went to the content origin.
    assert content_requests, "the content origin was never asked for anything"
    assert all("sessionid" not in request.all_headers().get("cookie", "") for request in content_requests)
    # The other learner's attempt is exactly as it was: no forged message or stolen token wrote to it.
    assert ScormAttempt.objects.filter(pk=victim.pk).values().get() == before
    # The API calls did reach the learner's own attempt: that is all the content's API can touch. The
    # message forged from the SCO's own window was ignored (the player takes commits from the runtime frame only).
    page.goto(base + module.url)  # leaving sends the final commit
    accessible_page.check()
    own = ScormAttempt.objects.get(member=learner, module=module)
    for _ in range(50):
        if own.location == "forged":
            break
        page.wait_for_timeout(100)
        own.refresh_from_db()
    assert own.location == "forged"
