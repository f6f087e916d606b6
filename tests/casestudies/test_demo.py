"""The demo case studies: at least six, seeded once, each figure resting on a seed passage."""

import re

import pytest

from casestudies.models import CaseStudyPage
from demo.case_studies import demo_case_studies_seed
from demo.case_study_content import CASE_STUDIES
from demo.quality_statements import demo_quality_statements_seed
from demo.site import demo_site_seed
from tests.demo.test_content import SEEDS, normalised

FIGURE = re.compile(r"£?\d[\d,/ ]*\d|£?\d")


def _text(entry: dict) -> str:
    return normalised(re.sub(r"<[^>]+>", " ", " ".join([entry["summary"], *entry["body"]])))


@pytest.mark.parametrize("entry", CASE_STUDIES, ids=[entry["slug"] for entry in CASE_STUDIES])
def test_every_figure_in_a_case_study_is_in_one_of_its_seed_passages(entry):
    passages = " ".join(normalised(passage) for _, passage in entry["sources"])
    figures = [figure.strip() for figure in FIGURE.findall(_text(entry))]
    missing = [figure for figure in figures if figure not in passages]
    assert missing == [], f"{entry['title']}: {missing} are not in its sources"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed documents are not at {SEEDS}")
@pytest.mark.parametrize("entry", CASE_STUDIES, ids=[entry["slug"] for entry in CASE_STUDIES])
def test_every_source_passage_is_in_its_seed_document(entry):
    for name, passage in entry["sources"]:
        assert normalised(passage) in normalised((SEEDS / name).read_text(encoding="utf-8")), passage


@pytest.mark.django_db
def test_the_seed_publishes_six_case_studies_once_with_their_links():
    demo_site_seed()
    demo_quality_statements_seed()
    demo_case_studies_seed()
    demo_case_studies_seed()

    pages = CaseStudyPage.objects.live()
    assert pages.count() == len(CASE_STUDIES) >= 6
    gp = pages.get(slug="gp-and-prisoners-abroad")
    assert gp.organisation.name == "Prisoners Abroad"
    assert [statement.slug for statement in gp.quality_statements.order_by("number")] == [
        "identification",
        "support-and-services",
    ]
    assert sorted(link.resource.title for link in gp.resource_links.all()) == [
        "Prisoners Abroad",
        "i-HOP information hub and helpline for professionals",
    ]
    for page in pages:
        assert page.resource_links.count() == len(
            next(entry for entry in CASE_STUDIES if entry["slug"] == page.slug)["resources"]
        ), page.title
