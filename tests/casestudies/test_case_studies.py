"""Case studies: visitors see what each is about and a sign-up prompt, members read
it; the listing's search and facets; links from modules and the library."""

import re

import pytest

from casestudies.models import CaseStudyResource
from courses.services import enrolment_create
from demo.case_study_content import CASE_STUDIES
from demo.quality_statements import demo_quality_statements_seed
from tests.accounts.factories import MemberFactory
from tests.casestudies.factories import MEMBERS_ONLY_TEXT, make_case_study
from tests.cms.factories import OrganisationFactory, ResourceFactory, library_page
from tests.cms.test_resources import PAGE_SHELL_QUERIES, facet_options, get_page, text_of
from tests.courses.factories import add_module, make_course

pytestmark = pytest.mark.django_db

LISTING = "/case-studies/"


def listed(page: str) -> list[str]:
    return [text_of(title) for title in re.findall(r'<h3 class="govuk-summary-card__title">(.*?)</h3>', page, re.S)]


def test_a_visitor_sees_the_summary_and_a_sign_up_prompt_but_not_the_body(client):
    case_study = make_case_study()

    page = get_page(client, case_study.url)

    assert "How a primary school helped a pupil before and after a prison visit." in page
    assert "Sign up free to read" in page
    assert f'href="/account/signup/?next={case_study.url}"' in page
    assert MEMBERS_ONLY_TEXT not in page
    assert "family link worker" not in page


def test_a_signed_in_member_reads_the_whole_case_study(client):
    case_study = make_case_study()
    client.force_login(MemberFactory())

    page = get_page(client, case_study.url)

    assert MEMBERS_ONLY_TEXT in page
    assert "Sign up free to read" not in page


def test_the_page_shows_its_sector_stage_area_organisation_and_statements(client):
    statements = demo_quality_statements_seed()
    case_study = make_case_study(organisation=OrganisationFactory(name="Prisoners Abroad"), region="north_west")
    case_study.quality_statements.set([statements[1]])
    case_study.save_revision().publish()

    card = text_of(get_page(client, case_study.url))

    assert "Sector Education Stage Prison Area North West Organisation Prisoners Abroad" in card
    assert "Quality Statements 2. Identification" in card


def test_the_listing_searches_titles_and_summaries_never_the_body(client):
    make_case_study(title="Court day support", summary="A youth offending team at the magistrates' court.")
    make_case_study()

    assert listed(get_page(client, LISTING, {"q": "magistrates"})) == ["Court day support"]
    assert listed(get_page(client, LISTING, {"q": "family link worker"})) == [], "the body is not searched"
    assert MEMBERS_ONLY_TEXT not in get_page(client, LISTING)


def test_the_listing_facets_count_and_narrow(client):
    make_case_study(title="Health visitors", sector="health", stage="arrest")
    make_case_study(title="School", sector="education", stage="prison")
    make_case_study(title="Draft", sector="health", live=False)

    page = get_page(client, LISTING, {"sector": "health"})

    assert listed(page) == ["Health visitors"]
    assert facet_options(page, "sector") == {"Education": (1, False), "Health": (1, True)}
    assert facet_options(page, "stage") == {"Arrest": (1, False)}


def test_a_module_links_to_case_studies_of_its_stage(client):
    course = make_course(modules=0)
    module = add_module(course, stage="prison")
    make_case_study(title="Family days in prison", stage="prison")
    make_case_study(title="At the police station", stage="arrest")
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    client.force_login(member)

    page = get_page(client, module.url)

    assert "Case studies from practice" in page and "Family days in prison" in page
    assert "At the police station" not in page


def test_a_resource_in_the_library_links_to_the_case_studies_that_draw_on_it(client):
    library_page()
    resource = ResourceFactory(title="Prisoners Abroad family support")
    case_study = make_case_study(title="A GP and a prison overseas")
    case_study.resource_links = [CaseStudyResource(resource=resource)]
    case_study.save_revision().publish()

    page = get_page(client, "/resources/")

    assert f'Case studies: <a class="govuk-link" href="{case_study.url}">A GP and a prison overseas</a>' in page


# The page shell; the statements (facet choices); the facet rows; the statement links; the page's case studies.
LISTING_QUERIES = PAGE_SHELL_QUERIES + 4


@pytest.mark.parametrize("size", [3, 30])
def test_the_listing_takes_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    for number in range(size):
        make_case_study(title=f"Case study {number:03}")
    client.get(LISTING)

    with django_assert_num_queries(LISTING_QUERIES):
        page = get_page(client, LISTING)

    assert len(listed(page)) == min(size, 12)


def test_the_demo_has_six_case_studies_each_from_the_seeds():
    assert len(CASE_STUDIES) >= 6
    assert len({entry["slug"] for entry in CASE_STUDIES}) == len(CASE_STUDIES)
    for entry in CASE_STUDIES:
        assert entry["sources"], f"{entry['title']} names no seed passage"
