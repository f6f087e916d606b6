"""Headless Chromium (Debian's package) driven by Playwright, with an
accessibility check (axe-core from npm) on every page a test opens, and a
watch for Content-Security-Policy violations on every platform page: one
fails the test. Each page of ours is also saved as a screenshot at 1280 and
320 pixels (see SCREENSHOTS) for people to look through: CI keeps them with its
logs, and docs/design.md shows the main ones."""

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from demo.members import DEMO_PASSWORD
from tests.conftest import CHROMIUM
from tests.services import PROJECT_DIR

AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE_SCRIPT.read_text() if AXE_SCRIPT.exists() else ""
FAILING_IMPACTS = {"serious", "critical"}
# WCAG 2.2's target size (2.5.8, AA), which axe leaves off by default: on our pages, not on the
# Wagtail admin's (its controls are Wagtail's to size; see docs/decisions.md).
AXE_OPTIONS_OURS = "{resultTypes: ['violations'], rules: {'target-size': {enabled: true}}}"
AXE_OPTIONS_ADMIN = "{resultTypes: ['violations']}"
# In every top-level document (frames are SCORM content, under its own policy): report each CSP violation,
# enforced or report-only, to the test. Init scripts and bindings are not subject to the page's CSP.
CSP_WATCH = """
if (window.top === window) {
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
      + `at ${event.sourceFile || location.href}:${event.lineNumber} (${event.sample || ""})`);
  });
}
"""
PHONE = {"width": 320, "height": 640}
# Where the screenshots go (not committed): .ci/logs/screenshots/<test>/<n>-<page>-<width>.png.
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", PROJECT_DIR / ".ci" / "logs" / "screenshots"))
SCREENSHOT_WIDTHS = (1280, 320)
_screenshotted: set[str] = set()


@pytest.fixture(scope="session", autouse=True)
def fresh_screenshots() -> None:
    """Each run's screenshots alone: the last run's are removed first."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; Django's ORM,
    # used by the test itself between browser steps, is safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class AccessiblePage:
    """Wraps a Playwright page: every document it loads must pass axe-core
    (no serious or critical violations) before the test may finish."""

    def __init__(self, page: Page, csp_violations: list[str] | None = None) -> None:
        self.page = page
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        self.csp_violations = csp_violations if csp_violations is not None else []
        page.on("load", lambda: self.loaded.append(page.url))

    def check(self) -> None:
        """Run axe on the page as it is now (and fail on any CSP violation so far)."""
        self.page.wait_for_load_state("load")
        assert self.csp_violations == [], "Content-Security-Policy violations:\n" + "\n".join(self.csp_violations)
        # Evaluated rather than added as a <script>, which the page's CSP would (rightly) block.
        self.page.evaluate(AXE_SOURCE)
        options = AXE_OPTIONS_ADMIN if "/cms/" in self.page.url else AXE_OPTIONS_OURS
        results: dict[str, Any] = self.page.evaluate(f"() => axe.run(document, {options})")
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in results["violations"]
            if violation["impact"] in FAILING_IMPACTS
        ]
        self.checked.add(self.page.url)
        assert serious == [], f"accessibility violations on {self.page.url}:\n" + "\n".join(serious)
        self.screenshot()

    def screenshot(self) -> None:
        """Save the page as it looks now at each width, once per address in the run, then put the
        window back as the test had it. The Wagtail admin's pages are Wagtail's design, not ours."""
        url = urlsplit(self.page.url)
        address = url.path + (f"?{url.query}" if url.query else "")
        if "/cms/" in url.path or address in _screenshotted:
            return
        _screenshotted.add(address)
        test = os.environ.get("PYTEST_CURRENT_TEST", "unknown").split(" ")[0]
        folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", test.removeprefix("tests/e2e/"))
        folder.mkdir(parents=True, exist_ok=True)
        page_name = re.sub(r"[^\w-]+", "-", address).strip("-")[:80] or "home"
        number = len(list(folder.glob("*-1280.png"))) + 1
        viewport = self.page.viewport_size
        try:
            for width in SCREENSHOT_WIDTHS:
                self.page.set_viewport_size({"width": width, "height": viewport["height"] if viewport else 800})
                self.page.screenshot(path=folder / f"{number:02d}-{page_name}-{width}.png", full_page=True)
        finally:
            if viewport:
                self.page.set_viewport_size(viewport)

    def goto(self, url: str) -> None:
        self.page.goto(url)
        self.check()

    def assert_fits(self, width: int) -> None:
        """Nothing on the page makes it scroll sideways at this width."""
        scroll_width = self.page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{self.page.url} is {scroll_width}px wide at a {width}px viewport"

    def unchecked_pages(self) -> list[str]:
        return [url for url in self.loaded if url not in self.checked]


def sign_in(accessible_page: AccessiblePage, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page = accessible_page.page
    accessible_page.goto(base_url + "/account/login/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/account/")
    accessible_page.check()


def sign_out(accessible_page: AccessiblePage, base_url: str) -> None:
    page = accessible_page.page
    accessible_page.goto(base_url + "/account/")
    page.get_by_role("navigation", name="Account").get_by_role("button", name="Sign out").click()
    page.wait_for_url(base_url + "/")
    accessible_page.check()
    assert page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in").is_visible()


def wait_for_admin_messages(page: Page) -> None:
    """Wagtail's admin fades its messages in (opacity 0 to 1 over half a
    second); axe measures contrast through the fade, so let it finish first."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')]"
        ".every(list => !list.children.length || getComputedStyle(list).opacity === '1')"
    )


def admin_inserts_block_and_publishes(browser: Browser, base: str, module_pk: int, *, block: str, choice: str) -> None:
    """An administrator adds a block that chooses a snippet (a quiz, a SCORM package) to a module in
    Wagtail's page editor and publishes. The editor fails axe on Wagtail's own rich-text widget
    (Draftail's contenteditable has no accessible name): not our markup, so this uses a plain page in
    its own browser context, without the axe check."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    violations = watch_csp(context)
    page = context.new_page()
    page.goto(base + "/account/login/")
    page.get_by_label("Email", exact=True).fill("admin@example.org")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/account/")
    page.goto(f"{base}/cms/pages/{module_pk}/edit/")
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=block).click()
    page.get_by_role("button", name=f"Choose {block}").click()
    page.get_by_role("dialog").get_by_role("link", name=choice).click()
    page.get_by_role("dialog").wait_for(state="hidden")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/cms/pages/\d+/$"))
    context.close()
    assert violations == [], "Content-Security-Policy violations in the admin:\n" + "\n".join(violations)


@pytest.fixture
def scorm_origins(live_server, settings) -> str:
    """The platform on localhost and SCORM package content on 127.0.0.1: two
    origins (and two sites) of one live server, as in the default run."""
    base = str(live_server.url).replace("127.0.0.1", "localhost")
    settings.SITE_URL = base
    settings.SCORM_CONTENT_ORIGIN = base.replace("localhost", "127.0.0.1")
    return base


def watch_csp(context: Any) -> list[str]:
    """Collect every CSP violation in the context's top-level documents."""
    violations: list[str] = []
    context.expose_binding("__cspViolation", lambda _source, text: violations.append(text))
    context.add_init_script(CSP_WATCH)
    return violations


@pytest.fixture
def accessible_page(browser: Browser) -> Iterator[AccessiblePage]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    violations = watch_csp(context)
    wrapped = AccessiblePage(context.new_page(), violations)
    yield wrapped
    unchecked = wrapped.unchecked_pages()
    context.close()
    assert unchecked == [], f"pages opened without an accessibility check: {unchecked}"
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)
