"""Printing a page: browsers leave out background colours, so the header's white text on
purple printed white on white. In print, every visible text is dark and controls are gone."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from accounts.models import User
from courses.models import ModulePage
from courses.services import enrolment_create
from tests.e2e.conftest import AccessiblePage, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LIGHT_TEXT = """() => {
  const light = [];
  for (const element of document.querySelectorAll("body *")) {
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden" || !element.childNodes.length) continue;
    const hasText = [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim());
    if (!hasText) continue;
    const [r, g, b] = style.color.match(/\\d+/g).map(Number);
    const lightness = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    if (lightness > 0.5) light.push(element.tagName + ": " + element.textContent.trim().slice(0, 40));
  }
  return light;
}"""


def test_a_printed_page_has_no_light_text_and_no_controls(live_server, accessible_page: AccessiblePage):
    call_command("seed_demo", allow_production=True)
    module = ModulePage.objects.live().first()
    page = accessible_page.page
    accessible_page.goto(live_server.url + module.get_parent().url)  # the course page: public

    assert page.evaluate(LIGHT_TEXT) != [], "on screen the header is light text on purple"
    page.emulate_media(media="print")

    assert_prints_dark_without_controls(page)


def assert_prints_dark_without_controls(page: Page) -> None:
    assert page.evaluate(LIGHT_TEXT) == []
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert (
        page.locator("button:visible, .govuk-button:visible, form:visible, input:visible, textarea:visible").count()
        == 0
    )
    assert page.get_by_role("heading", level=1).is_visible()


def test_a_module_prints_dark_on_white_with_its_text_and_no_controls(live_server, accessible_page: AccessiblePage):
    """A learner prints a module to read on paper: the demo's module has a quote, a key fact, a
    case study, a reflection's form and the finish button, in colours on screen."""
    call_command("seed_demo", allow_production=True)
    module = max(ModulePage.objects.live(), key=lambda candidate: len(candidate.body))
    enrolment_create(member=User.objects.get(email="learner@example.org"), course=module.get_parent().specific)
    page = accessible_page.page
    sign_in(accessible_page, live_server.url, "learner@example.org")
    accessible_page.goto(live_server.url + module.url)
    assert page.get_by_role("button", name="I have finished this module").is_visible()

    page.emulate_media(media="print")

    assert_prints_dark_without_controls(page)
    assert page.get_by_role("heading", level=1).inner_text() == module.title
    assert page.get_by_role("navigation", name="Module outline").is_visible(), "the contents list prints"
    backgrounds = page.evaluate(
        """() => [...document.querySelectorAll("main *")].map(e => getComputedStyle(e).backgroundColor)
            .filter(c => c !== "rgba(0, 0, 0, 0)" && c !== "transparent")"""
    )
    assert backgrounds == [], "no coloured panels: dark ink on white paper"
