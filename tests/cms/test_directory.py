"""The services directory (/resources/organisations/): search by name and keyword,
facets, the A to Z, pages, and the nation tag."""

import re
import threading

import pytest
from django import db
from django.db import transaction
from django.test import Client

from accounts.choices import Region, Sector
from cms.choices import NATIONAL, Stage
from cms.site_cache import content_cache_clear
from tests.cms.factories import OrganisationFactory, ResourceFactory, library_page
from tests.cms.test_resources import PAGE_SHELL_QUERIES, counts, get_page, text_of

pytestmark = pytest.mark.django_db

DIRECTORY = "/resources/organisations/"


def names_listed(page: str) -> list[str]:
    """The organisations on the page, in order, without their nation tags."""
    found = re.findall(
        r'<li class="govuk-summary-card" id="organisation-\d+">\s*<div class="govuk-summary-card__title-wrapper">\s*'
        r'<h3 class="govuk-summary-card__title">(.*?)</h3>',
        page,
        re.S,
    )
    return [text_of(name) for name in found]


def heading(page: str) -> str:
    return text_of(
        re.search(r'<h2 class="govuk-heading-m" id="directory-results-heading">(.*?)</h2>', page, re.S).group(1)
    )


@pytest.fixture
def directory():
    library_page()
    abroad = OrganisationFactory(
        name="Prisoners Abroad",
        description="Supports British people imprisoned overseas and their families in the UK.",
        serves=["families"],
        website="",
        phone="",
        email="",
    )
    ResourceFactory(title="Prisoners Abroad family support", organisation=abroad, url="", stages=[Stage.PRISON])
    noms = OrganisationFactory(
        name="NOMS", description="Runs the prison and probation services.", serves=["professionals"]
    )
    ResourceFactory(
        title="Assisted Prison Visits Scheme",
        summary="Help with the cost of prison visits for close relatives on a low income.",
        organisation=noms,
        sectors=[Sector.PRISON],
    )
    OrganisationFactory(
        name="i-HOP",
        description="Information service for professionals, with a free helpline.",
        serves=["professionals"],
    )
    OrganisationFactory(
        name="Families Outside",
        description="Scottish charity supporting families affected by imprisonment.",
        coverage=Region.SCOTLAND,
        serves=["children", "families"],
    )
    OrganisationFactory(name="POPS", description="Family support in Manchester.", coverage=Region.NORTH_WEST)


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("Prisoners Abroad", ["Prisoners Abroad"]),
        ("visits", ["NOMS"]),  # in the title and summary of the scheme NOMS runs
        ("helpline", ["i-HOP"]),
        ("families", ["Families Outside", "POPS", "Prisoners Abroad"]),  # "family" too, by its stem
    ],
)
def test_search_finds_organisations_by_name_description_and_what_they_publish(client, directory, words, found):
    page = get_page(client, DIRECTORY, {"q": words})

    assert names_listed(page) == found
    assert heading(page).startswith(f"{len(found)} organisation")


def test_an_entry_shows_its_contact_details_and_what_it_publishes(client, directory):
    page = get_page(client, DIRECTORY, {"q": "visits"})

    card = text_of(re.search(r'<li class="govuk-summary-card" id="organisation-.*?</div>\s*</li>', page, re.S).group(0))
    assert "Assisted Prison Visits Scheme (Service)" in card
    assert "0800 000 0000" in card and "help@family-support.example.org" in card
    assert "Serves Professionals" in card


def test_a_resource_without_a_link_is_listed_under_its_organisation_without_one(client, directory):
    page = get_page(client, DIRECTORY, {"q": "Prisoners Abroad"})

    assert '<li>Prisoners Abroad family support <span class="library-list__type">(' in page, "no link"
    assert "We have no contact details for them yet." in page


def test_who_it_serves_and_national_or_local_filter_the_list(client, directory):
    assert names_listed(get_page(client, DIRECTORY, {"serves": "children"})) == ["Families Outside"]
    assert names_listed(get_page(client, DIRECTORY, {"scope": "local"})) == ["Families Outside", "POPS"]
    assert names_listed(get_page(client, DIRECTORY, {"region": Region.NORTH_WEST})) == ["POPS"]
    assert names_listed(get_page(client, DIRECTORY, {"sector": Sector.PRISON})) == ["NOMS"]
    assert names_listed(get_page(client, DIRECTORY, {"stage": Stage.PRISON, "scope": NATIONAL})) == [
        "NOMS",
        "Prisoners Abroad",
    ]


def test_a_service_only_in_scotland_is_tagged_with_its_nation(client, directory):
    page = get_page(client, DIRECTORY, {"q": "Scottish"})

    assert re.search(
        r'<h3 class="govuk-summary-card__title">Families Outside</h3>\s*'
        r'<strong class="govuk-tag govuk-tag--grey">Scotland only</strong>',
        page,
    )
    assert "only</strong>" not in get_page(client, DIRECTORY, {"q": "helpline"})


def test_the_a_to_z_shows_one_letter_and_links_only_letters_with_names(client, directory):
    page = get_page(client, DIRECTORY, {"letter": "p"})

    assert names_listed(page) == ["POPS", "Prisoners Abroad"]
    assert heading(page) == "2 organisations under P"
    assert '<span aria-current="page">P</span>' in page
    assert '<span class="a-to-z-empty">Z</span>' in page
    assert 'href="?letter=N"' in page


def test_unknown_filter_values_change_nothing_and_the_page_says_so(client, directory):
    page = get_page(client, DIRECTORY, {"serves": "aliens", "letter": "??"})

    assert len(names_listed(page)) == 5
    assert "serves “aliens”" in text_of(page)


def test_twenty_organisations_a_page(client, directory):
    OrganisationFactory.create_batch(20)

    first = get_page(client, DIRECTORY)
    second = get_page(client, DIRECTORY, {"page": "2"})

    assert len(names_listed(first)) == 20 and len(names_listed(second)) == 5
    assert "Showing 21 to 25 of 25, page 2 of 2." in second
    assert "Previous page : Page 1 of 2" in text_of(second)


def _organisations(count: int) -> None:
    for number in range(count):
        organisation = OrganisationFactory(name=f"Visits service {number:05}")
        ResourceFactory(organisation=organisation)


# Counting the facets: the page shell; organisation facet values; resource facet values; the
# page; its resources.
DIRECTORY_QUERIES = PAGE_SHELL_QUERIES + 4
# With search words, also the two searches (organisations, resources).
DIRECTORY_SEARCH_QUERIES = DIRECTORY_QUERIES + 2
# Asked again while nothing changed, by a visitor not signed in: the whole page comes from the
# cache (cms.middleware.VisitorsPageCacheMiddleware), with search words or without.
DIRECTORY_REPEAT_QUERIES = 0


@pytest.mark.parametrize("size", [10, 100])
@pytest.mark.parametrize(("params", "queries"), [({}, DIRECTORY_QUERIES), ({"q": "visits"}, DIRECTORY_SEARCH_QUERIES)])
def test_the_directory_takes_a_fixed_number_of_queries(client, django_assert_num_queries, size, params, queries):
    library_page()
    _organisations(size)
    client.get(DIRECTORY, params)  # first use of the search backend and content types fills their caches
    content_cache_clear()

    with django_assert_num_queries(queries):
        page = get_page(client, DIRECTORY, params)
    with django_assert_num_queries(DIRECTORY_REPEAT_QUERIES):
        again = get_page(client, DIRECTORY, params)

    assert len(names_listed(page)) == min(size, 20)
    assert again == page


def test_a_change_to_an_organisation_or_resource_shows_at_once(client, directory):
    assert heading(get_page(client, DIRECTORY)) == "5 organisations"
    assert "Health" not in counts(get_page(client, DIRECTORY, {"q": "visits"}), "sector")

    newcomer = OrganisationFactory(name="Visits Together", description="Lifts to prison visits.")
    ResourceFactory(title="Lift share", organisation=newcomer, sectors=[Sector.HEALTH])

    assert heading(get_page(client, DIRECTORY)) == "6 organisations"
    assert names_listed(get_page(client, DIRECTORY, {"q": "visits"})) == ["NOMS", "Visits Together"]
    assert counts(get_page(client, DIRECTORY, {"q": "visits"}), "sector")["Health"] == 1
    newcomer.resources.all().delete()
    newcomer.delete()
    assert heading(get_page(client, DIRECTORY)) == "5 organisations"
    assert names_listed(get_page(client, DIRECTORY, {"q": "visits"})) == ["NOMS"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_listing_read_while_a_change_is_uncommitted_is_not_kept(client):
    """A visitor whose request falls between an editor's save and its commit reads the rows as
    they were; the listing they leave in the cache must not outlive the commit."""
    library_page()
    OrganisationFactory(name="Alpha Families")
    seen = []

    def visitor() -> None:  # another thread: its own database connection, outside the editor's transaction
        try:
            seen.append(heading(get_page(Client(), DIRECTORY)))
        finally:
            db.connection.close()

    with transaction.atomic():
        OrganisationFactory(name="Beta Families")
        during = threading.Thread(target=visitor)
        during.start()
        during.join()

    assert seen == ["1 organisation"], "the visitor could not see the change before its commit"
    assert heading(get_page(client, DIRECTORY)) == "2 organisations"
