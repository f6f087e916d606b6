"""Case studies, the services directory and the header search in headless Chromium,
each page checked with axe: a visitor sees a case study's summary and a sign-up
prompt and a member reads it; the directory finds Prisoners Abroad; the header
search finds a course, a resource, an organisation and a case study, also on a
320 px phone, where it folds behind a link and nothing scrolls sideways."""

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.accounts.factories import PASSWORD, MemberFactory
from tests.casestudies.factories import make_case_study
from tests.cms.factories import OrganisationFactory, ResourceFactory, library_page
from tests.courses.factories import make_course
from tests.e2e.conftest import PHONE, AccessiblePage, sign_in, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "The GP rang the helpline that afternoon and had three contacts by the evening."


@pytest.fixture
def content():
    library_page()
    abroad = OrganisationFactory(
        name="Prisoners Abroad",
        description="Supports people imprisoned overseas and their families, including with visits abroad.",
        serves=["families"],
    )
    ResourceFactory(
        title="Assisted Prison Visits Scheme",
        organisation=OrganisationFactory(name="NOMS", description="Runs prisons and probation."),
    )
    ResourceFactory(title="Prisoners Abroad family support", organisation=abroad, url="")
    make_course(title="Prison visits for schools", modules=1, summary="Helping pupils before and after visits.")
    return make_case_study(
        title="A GP and a prison overseas",
        summary="A GP helps a family after visits abroad become impossible.",
        sector="health",
        organisation=abroad,
        body_text=BODY,
    )


def test_a_visitor_sees_a_summary_and_a_sign_up_prompt_and_a_member_reads_it(accessible_page, live_server, content):
    page = accessible_page.page
    accessible_page.goto(live_server.url + "/case-studies/")
    page.get_by_role("link", name="A GP and a prison overseas").click()
    page.wait_for_url(re.compile(r"/case-studies/"))
    accessible_page.check()

    expect(page.get_by_text("A GP helps a family after visits abroad become impossible.")).to_be_visible()
    expect(page.get_by_role("heading", name="Sign up free to read")).to_be_visible()
    assert BODY not in page.content()
    case_study_url = page.url

    member = MemberFactory()
    sign_in(accessible_page, live_server.url, member.email, PASSWORD)
    accessible_page.goto(case_study_url)
    expect(page.get_by_text(BODY)).to_be_visible()
    expect(page.get_by_role("heading", name="Sign up free to read")).to_have_count(0)


def test_the_directory_finds_prisoners_abroad(accessible_page, live_server, content):
    page = accessible_page.page
    accessible_page.goto(live_server.url + "/resources/organisations/")
    page.get_by_label("Search the directory").fill("Prisoners Abroad")
    page.get_by_role("search", name="Find organisations").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=Prisoners"))
    accessible_page.check()

    results = page.locator("#directory-results")
    expect(results.get_by_role("heading", name="1 organisation matching “Prisoners Abroad”")).to_be_visible()
    expect(results.get_by_role("heading", name="Prisoners Abroad", exact=True)).to_be_visible()
    expect(results.get_by_text("Prisoners Abroad family support")).to_be_visible()


def header_search_results(accessible: AccessiblePage) -> dict[str, list[str]]:
    page = accessible.page
    found = {}
    for group in page.locator("section.search-group").all():
        found[group.locator("h2").inner_text()] = group.locator("h3").all_inner_texts()
    return found


EXPECTED = {
    "Courses": ["Prison visits for schools"],
    "Resources": ["Assisted Prison Visits Scheme"],
    "Organisations": ["Prisoners Abroad"],
    "Case studies": ["A GP and a prison overseas"],
}


def test_the_header_search_finds_a_course_a_resource_an_organisation_and_a_case_study(
    accessible_page, live_server, content
):
    page = accessible_page.page
    accessible_page.goto(live_server.url + "/")
    page.get_by_role("search", name="Site search").get_by_label("Search the site").fill("visits")
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q=visits"))
    accessible_page.check()

    assert header_search_results(accessible_page) == EXPECTED

    page.get_by_role("search", name="Site search").get_by_label("Search the site").fill("?!")
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    page.wait_for_load_state("load")
    accessible_page.check()
    expect(page.get_by_text("a search needs letters or numbers, not only punctuation")).to_be_visible()


def test_on_a_phone_the_menu_folds_behind_a_button_the_search_stays_and_nothing_scrolls_sideways(
    browser: Browser, live_server, content
):
    context = browser.new_context(viewport=PHONE)
    violations = watch_csp(context)
    phone = AccessiblePage(context.new_page(), violations)
    page = phone.page
    try:
        phone.goto(live_server.url + "/")
        phone.assert_fits(PHONE["width"])
        # The site's sections fold behind the design system's "Menu" button, which opens them.
        menu = page.get_by_role("navigation", name="Main")
        workshops = menu.get_by_role("link", name="Workshops")
        expect(workshops).to_be_hidden()
        menu.get_by_role("button", name="Menu").click()
        expect(workshops).to_be_visible()
        phone.check()
        phone.assert_fits(PHONE["width"])

        search_box = page.get_by_role("search", name="Site search").get_by_label("Search the site")
        expect(search_box).to_be_visible()
        search_box.fill("visits")
        search_box.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q=visits"))
        phone.check()
        assert header_search_results(phone) == EXPECTED
        phone.assert_fits(PHONE["width"])

        for url in ("/resources/organisations/?q=Prisoners+Abroad", "/case-studies/", content.url):
            phone.goto(live_server.url + url)
            phone.assert_fits(PHONE["width"])
        assert phone.unchecked_pages() == []
    finally:
        context.close()
    assert violations == []
