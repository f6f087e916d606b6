"""The header's site search: every kind of content grouped by kind, nothing a
visitor may not see, a clear message for a search without words."""

import re
from datetime import timedelta

import pytest

from cms.site_cache import content_cache_clear
from tests.casestudies.factories import make_case_study
from tests.cms.factories import OrganisationFactory, ResourceFactory, library_page
from tests.cms.test_resources import get_page, text_of
from tests.courses.factories import add_module, make_course, text_block
from tests.workshops.factories import make_workshop

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def groups(page: str) -> dict[str, list[str]]:
    """Each group's heading and the titles listed under it."""
    found = {}
    for heading, body in re.findall(
        r'<section class="search-group"[^>]*>\s*<h2[^>]*>(.*?)</h2>(.*?)</section>', page, re.S
    ):
        titles = re.findall(r'<h3 class="govuk-summary-card__title">(.*?)</h3>', body, re.S)
        found[text_of(heading)] = [text_of(title) for title in titles]
    return found


@pytest.fixture
def site():
    library_page()
    course = make_course(title="Prison visits for schools", modules=0, summary="Helping pupils before a visit.")
    add_module(
        course,
        title="Visits and keeping in touch",
        stage="prison",
        body=[text_block("Only enrolled learners read about the zebra crossing.")],
    )
    abroad = OrganisationFactory(name="Prisoners Abroad", description="Families of people imprisoned overseas.")
    ResourceFactory(title="Assisted Prison Visits Scheme", organisation=abroad, summary="Help with visit costs.")
    make_case_study(title="Family visits day", summary="A prison's family visits day.", body_text="A secret giraffe.")
    make_workshop(title="Prison visits workshop: Leeds", starts_in=timedelta(days=5))
    make_workshop(title="Prison visits workshop: past", starts_in=timedelta(days=-5))


def test_the_header_of_every_page_has_a_site_search_form(client, site):
    for url in ("/", "/resources/", SEARCH):
        page = get_page(client, url)
        assert re.search(
            r'<form id="site-search" class="ihop-header-search" method="get" action="/search/" role="search"', page
        )
        assert '<label for="site-search-q" class="govuk-visually-hidden">Search the site</label>' in page


def test_one_search_finds_each_kind_grouped_by_kind(client, site):
    page = get_page(client, SEARCH, {"q": "visits"})

    assert groups(page) == {
        "Courses": ["Prison visits for schools"],
        "Modules": ["Visits and keeping in touch"],
        "Resources": ["Assisted Prison Visits Scheme"],
        "Case studies": ["Family visits day"],
        "Workshops": ["Prison visits workshop: Leeds"],
    }, "the past workshop is not offered"
    assert groups(get_page(client, SEARCH, {"q": "Prisoners Abroad"}))["Organisations"] == ["Prisoners Abroad"]


def test_bodies_closed_to_a_visitor_are_not_searched(client, site):
    for word in ("zebra", "giraffe"):
        page = get_page(client, SEARCH, {"q": word})
        assert groups(page) == {}
        assert f"Nothing matches “{word}”" in page


@pytest.mark.parametrize("words", ["!!!", "-- ?", "“”", "\x00"])
def test_a_search_with_only_punctuation_gets_a_clear_message(client, site, words):
    page = get_page(client, SEARCH, {"q": words})

    assert "a search needs letters or numbers, not only punctuation" in page
    assert 'aria-invalid="true"' in page
    assert groups(page) == {}


def test_an_empty_search_shows_the_form_only(client, site):
    page = get_page(client, SEARCH)

    assert 'id="search-q"' in page and "Nothing matches" not in page and "punctuation" not in page


# The page shell (routing is not Wagtail's here: the site and menu come from the cache), the
# library page, and per kind: courses (search), modules, resources (search), organisations
# (search), case studies (search), workshops.
SEARCH_QUERIES = 7
# Asked again while nothing changed, the results come from the cache.
SEARCH_REPEAT_QUERIES = 0


@pytest.mark.parametrize("size", [2, 20])
def test_the_search_page_takes_a_fixed_number_of_queries(client, django_assert_num_queries, site, size):
    for number in range(size):
        ResourceFactory(title=f"Visits leaflet {number}", organisation=OrganisationFactory(name=f"Visits org {number}"))
        make_case_study(title=f"Visits case {number}")
    client.get(SEARCH, {"q": "visits"})  # first use of the search backend and content types fills their caches
    content_cache_clear()

    with django_assert_num_queries(SEARCH_QUERIES):
        page = get_page(client, SEARCH, {"q": "visits"})
    with django_assert_num_queries(SEARCH_REPEAT_QUERIES):
        again = get_page(client, SEARCH, {"q": "visits"})

    assert len(groups(page)["Resources"]) == min(size + 1, 5), "five of each kind at most"
    assert again == page


def test_what_changes_is_found_at_once(client, site):
    assert "Organisations" not in groups(get_page(client, SEARCH, {"q": "carousel"}))

    organisation = OrganisationFactory(name="Carousel Families", description="Play sessions in visits halls.")
    ResourceFactory(title="Carousel play guide", organisation=organisation)
    workshop = make_workshop(title="Carousel workshop", starts_in=timedelta(days=3))
    found = groups(get_page(client, SEARCH, {"q": "carousel"}))
    assert found["Organisations"] == ["Carousel Families"]
    assert found["Resources"] == ["Carousel play guide"]
    assert found["Workshops"] == ["Carousel workshop"]

    workshop.title = "Playroom workshop"
    workshop.save()
    assert "Workshops" not in groups(get_page(client, SEARCH, {"q": "carousel"}))
    make_case_study(
        title="Carousel days", summary="A prison's play sessions."
    ).save_revision().publish()  # as the CMS does
    assert groups(get_page(client, SEARCH, {"q": "carousel"}))["Case studies"] == ["Carousel days"]
