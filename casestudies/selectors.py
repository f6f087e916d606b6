"""Reads for case studies: the listing with its facets, and the case studies a
module page or the resource library links to. Each in a fixed number of queries."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.db.models.functions import Lower

from accounts.choices import Sector
from casestudies.models import CaseStudyPage, CaseStudyResource
from cms.choices import COVERAGE_CHOICES, Stage
from cms.selectors import Facet, FacetCounts, SearchFilters, facet_counts, filters_match
from cms.site_cache import public_pages

CASE_STUDIES_PER_PAGE = 12


def _statement_model() -> type[Model]:
    # quality.QualityStatement, reached through the relation rather than an import (see models.py).
    return CaseStudyPage._meta.get_field("quality_statements").related_model


def case_study_facets() -> tuple[Facet, ...]:
    """The listing's facets; the Quality Statements' choices are read from the
    statements (one query)."""
    statements = _statement_model()._default_manager.order_by("number").values_list("pk", "number", "title")
    return (
        Facet(param="sector", field="sector", legend="Sector", choices=Sector.choices),
        Facet(param="stage", field="stage", legend="Stage of the family's journey", choices=Stage.choices),
        Facet(param="region", field="region", legend="Area", choices=COVERAGE_CHOICES),
        Facet(
            param="statement",
            field="quality_statements",
            legend="Quality Statement",
            choices=[(str(pk), f"{number}. {title}") for pk, number, title in statements],
        ),
    )


@dataclass
class CaseStudyListing:
    page: Page
    total: int
    facets: list[FacetCounts]


def case_study_listing(
    *, filters: SearchFilters, facets: Sequence[Facet], page_number: str | int | None
) -> CaseStudyListing:
    """One page of live case studies matching the search (title, summary and
    organisation; never the body) and the facets, by title, with each facet's
    counts. Three queries, four with search words, and one for the page."""
    pages = public_pages(CaseStudyPage.objects.live())
    found: set[int] | None = None
    if filters.q:
        found = {page.pk for page in pages.only("id").search(filters.q, operator="and")}
    statements: dict[int, set[str]] = {}
    through = CaseStudyPage.quality_statements.through
    for page_id, statement_id in through.objects.values_list("casestudypage_id", "qualitystatement_id"):
        statements.setdefault(page_id, set()).add(str(statement_id))
    rows = [
        (
            pk,
            {
                "sector": frozenset({sector}),
                "stage": frozenset({stage}),
                "region": frozenset({region}),
                "statement": frozenset(statements.get(pk, ())),
            },
        )
        for pk, sector, stage, region in pages.order_by(Lower("title"), "pk").values_list(
            "pk", "sector", "stage", "region"
        )
        if found is None or pk in found
    ]
    matching = [pk for pk, values in rows if filters_match(values, filters)]
    paginator_page = Paginator(matching, CASE_STUDIES_PER_PAGE).get_page(page_number)
    if paginator_page.object_list:
        by_pk = CaseStudyPage.objects.select_related("organisation").in_bulk(list(paginator_page.object_list))
        paginator_page.object_list = [by_pk[pk] for pk in paginator_page.object_list if pk in by_pk]
    return CaseStudyListing(page=paginator_page, total=len(matching), facets=facet_counts(rows, filters, facets=facets))


def case_studies_for_stage(*, stage: str, limit: int = 3) -> list[CaseStudyPage]:
    """Up to `limit` live case studies of a stage, by title: one query. For module pages."""
    return list(public_pages(CaseStudyPage.objects.live()).filter(stage=stage).order_by(Lower("title"), "pk")[:limit])


def case_studies_for_resources(resource_ids: Iterable[int]) -> dict[int, list[CaseStudyPage]]:
    """The live case studies that draw on each of these resources: one query."""
    links = CaseStudyResource.objects.filter(
        resource_id__in=list(resource_ids), page__in=public_pages(CaseStudyPage.objects.live())
    ).select_related("page")
    found: dict[int, list[CaseStudyPage]] = {}
    for link in links.order_by(Lower("page__title"), "page_id"):
        if link.page not in found.setdefault(link.resource_id, []):
            found[link.resource_id].append(link.page)
    return found
