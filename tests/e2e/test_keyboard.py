"""The site by keyboard alone, as someone who cannot use a mouse meets it: the skip link first,
a visible focus on every control, the phone menu opened with Enter, a form filled and sent
without a pointer, and a select and a checkbox used from the keyboard."""

import pytest
from playwright.sync_api import Page, expect

from tests.accounts.factories import PASSWORD, MemberFactory
from tests.e2e.conftest import PHONE, AccessiblePage, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page: Page) -> dict:
    """What has the keyboard focus: its tag, id, text or label, and whether it shows a focus style."""
    return page.evaluate(
        """() => {
        const element = document.activeElement;
        const style = getComputedStyle(element);
        return {
            tag: element.tagName.toLowerCase(),
            id: element.id,
            text: (element.innerText || element.getAttribute("aria-label") || "").trim(),
            shown: style.outlineStyle !== "none" || style.boxShadow !== "none"
                || style.backgroundColor === "rgb(255, 221, 0)",
        };
    }"""
    )


def tab_to(page: Page, *, text: str | None = None, element_id: str | None = None, most: int = 40) -> dict:
    """Press Tab until the focus reaches the control, checking each stop shows where the focus is."""
    for _ in range(most):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["shown"], f"no visible focus on {now}"
        if (text and now["text"] == text) or (element_id and now["id"] == element_id):
            return now
    raise AssertionError(f"Tab never reached {text or element_id}")


def test_a_member_signs_in_by_keyboard_alone_from_the_skip_link(live_server, accessible_page: AccessiblePage):
    member = MemberFactory()
    page = accessible_page.page
    accessible_page.goto(live_server.url + "/account/login/")

    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    expect(page.get_by_role("link", name="Skip to main content")).to_be_visible()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    tab_to(page, element_id="id_login")
    page.keyboard.type(member.email)
    tab_to(page, element_id="id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/account/")
    accessible_page.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")


def test_on_a_phone_the_menu_opens_with_enter_and_its_links_are_reached_by_tab(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    violations = watch_csp(context)
    phone = AccessiblePage(context.new_page(), violations)
    page = phone.page
    try:
        phone.goto(live_server.url + "/")
        workshops = page.get_by_role("navigation", name="Main").get_by_role("link", name="Workshops")
        expect(workshops).to_be_hidden()

        tab_to(page, text="Menu")
        page.keyboard.press("Enter")
        expect(workshops).to_be_visible()
        tab_to(page, text="Workshops")
        page.keyboard.press("Enter")
        page.wait_for_url(live_server.url + "/workshops/")
        phone.check()
        phone.assert_fits(PHONE["width"])
        assert phone.unchecked_pages() == []
    finally:
        context.close()
    assert violations == []


def test_a_select_and_a_checkbox_are_used_with_the_keyboard(live_server, accessible_page: AccessiblePage):
    """The design system styles native controls, so they keep the keyboard: the arrow keys choose
    in a select, the space bar ticks a checkbox (the sign-up form's sector and e-news consent)."""
    page = accessible_page.page
    accessible_page.goto(live_server.url + "/account/signup/")
    tab_to(page, element_id="id_sector")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_sector").input_value() != ""
    tab_to(page, element_id="id_enews_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_enews_consent")).to_be_checked()
