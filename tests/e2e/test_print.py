"""Printing a page: browsers leave out background colours, so the header's white text on
purple printed white on white. In print, every visible text is dark and controls are gone."""

import pytest
from django.core.management import call_command

from courses.models import ModulePage
from tests.e2e.conftest import AccessiblePage

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

    assert page.evaluate(LIGHT_TEXT) == []
    assert not page.locator(".site-nav").is_visible()
    assert page.locator("button:visible, .button:visible, form:visible").count() == 0
