"""The header's site search: one query string, results grouped by kind.

Only what a visitor may already see is searched and shown: course titles,
summaries and outcomes (the catalogue is public); module titles and summaries,
never their bodies (for members not enrolled they are closed); resources and
organisations; case studies' titles and summaries (the body is for members and
not indexed); upcoming published workshops.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from casestudies.models import CaseStudyPage
from cms.models import Organisation, Resource, ResourceIndexPage
from cms.selectors import clean_search_text
from cms.site_cache import content_cached, public_pages
from courses.models import CoursePage, ModulePage
from workshops.models import Workshop

RESULTS_PER_KIND = 5


class SearchWordsMissing(ValueError):
    """The search has no letters or digits in it (empty, or only punctuation)."""


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str
    meta: str = ""


@dataclass
class ResultGroup:
    """Up to RESULTS_PER_KIND results of one kind, and where to see them all."""

    kind: str
    label: str
    results: list[SearchResult] = field(default_factory=list)
    more_url: str = ""


@dataclass
class SiteSearch:
    q: str
    groups: list[ResultGroup]

    @property
    def total(self) -> int:
        return sum(len(group.results) for group in self.groups)


def search_words(text: str) -> str:
    """The cleaned search text; raises SearchWordsMissing when it holds no letter or digit."""
    q = clean_search_text(text)
    if not any(char.isalnum() for char in q):
        raise SearchWordsMissing("Type a word to search for: a search needs letters or numbers, not only punctuation.")
    return q


def _every_word_in(q: str, *fields: str) -> Q:
    """Each word of the search in one of the fields (case-insensitive): for the
    few short records the index does not cover, or must not (module bodies)."""
    words = [word for word in q.split() if any(char.isalnum() for char in word)]
    return reduce(and_, (reduce(lambda a, b: a | b, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words))


def _pages(request: HttpRequest, pages: QuerySet, *, meta: Callable[[Any], str]) -> list[SearchResult]:
    return [
        SearchResult(title=page.title, url=page.get_url(request=request) or "", summary=page.summary, meta=meta(page))
        for page in pages
    ]


def site_search(*, q: str, request: HttpRequest) -> SiteSearch:
    """Up to five results of each kind for `q` (already cleaned by search_words),
    best match first where the search index ranks them. The same for every visitor, so
    kept in the shared cache until anything it shows changes (no queries then); else a
    fixed number of queries, one or two per kind, whatever the size of the site."""
    return content_cached("site-search", (q, request.get_host()), lambda: _site_search(q=q, request=request))


def _site_search(*, q: str, request: HttpRequest) -> SiteSearch:
    library = ResourceIndexPage.objects.live().first()
    library_url = library.get_url(request=request) if library else ""
    groups = []

    courses = public_pages(CoursePage.objects.live()).search(q, operator="and")[:RESULTS_PER_KIND]
    groups.append(ResultGroup("courses", "Courses", _pages(request, courses, meta=lambda page: "Course")))

    modules = (
        public_pages(ModulePage.objects.live())
        .filter(_every_word_in(q, "title", "summary"))
        .order_by(Lower("title"), "pk")[:RESULTS_PER_KIND]
    )
    groups.append(
        ResultGroup(
            "modules", "Modules", _pages(request, modules, meta=lambda page: f"Module: {page.get_stage_display()}")
        )
    )

    resources = Resource.objects.select_related("organisation").search(q, operator="and")[:RESULTS_PER_KIND]
    groups.append(
        ResultGroup(
            "resources",
            "Resources",
            [
                SearchResult(
                    title=resource.title,
                    url=f"{library_url}?{urlencode({'q': resource.title})}" if library_url else "",
                    summary=resource.summary,
                    meta=f"{resource.get_resource_type_display()} from {resource.organisation.name}",
                )
                for resource in resources
            ],
            more_url=f"{library_url}?{urlencode({'q': q})}" if library_url else "",
        )
    )

    organisations = list(Organisation.objects.all().search(q, operator="and")[:RESULTS_PER_KIND])
    directory_url = f"{library_url}organisations/" if library_url else ""
    groups.append(
        ResultGroup(
            "organisations",
            "Organisations",
            [
                SearchResult(
                    title=organisation.name,
                    url=f"{directory_url}?letter={organisation.letter}#organisation-{organisation.pk}"
                    if directory_url
                    else "",
                    summary=organisation.description,
                    meta=organisation.get_coverage_display(),
                )
                for organisation in organisations
            ],
            more_url=f"{directory_url}?{urlencode({'q': q})}" if directory_url else "",
        )
    )

    case_studies = public_pages(CaseStudyPage.objects.live()).search(q, operator="and")[:RESULTS_PER_KIND]
    groups.append(
        ResultGroup(
            "case_studies",
            "Case studies",
            _pages(request, case_studies, meta=lambda page: f"Case study: {page.get_sector_display()}"),
        )
    )

    workshops = (
        Workshop.objects.filter(state=Workshop.State.PUBLISHED, sessions__starts_at__gt=timezone.now())
        .filter(_every_word_in(q, "title", "summary"))
        .distinct()
        .order_by(Lower("title"), "pk")[:RESULTS_PER_KIND]
    )
    groups.append(
        ResultGroup(
            "workshops",
            "Workshops",
            [
                SearchResult(
                    title=workshop.title,
                    url=reverse("workshops:detail", args=[workshop.pk]),
                    summary=workshop.summary,
                    meta=f"Workshop: {workshop.get_region_display()}",
                )
                for workshop in workshops
            ],
        )
    )
    return SiteSearch(q=q, groups=groups)
