"""Reads for the resource library. Each returns what a page shows in a fixed
number of queries, whatever the number of resources or organisations."""

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.http import QueryDict

from accounts.choices import Sector
from cms.choices import COVERAGE_CHOICES, ResourceType, Stage
from cms.models import Organisation, Resource

RESOURCES_PER_PAGE = 20
MAX_SEARCH_LENGTH = 200
# How many unrecognised filter values the page names before it stops listing them.
MAX_IGNORED_SHOWN = 5


@dataclass(frozen=True)
class Facet:
    """One way to narrow the library: a query parameter, the Resource field it
    reads, and the choices it offers."""

    param: str
    field: str
    legend: str
    choices: Sequence[tuple[str, str]]

    @property
    def values(self) -> frozenset[str]:
        return frozenset(value for value, _ in self.choices)


FACETS: tuple[Facet, ...] = (
    Facet(param="type", field="resource_type", legend="Type of resource", choices=ResourceType.choices),
    Facet(param="sector", field="sectors", legend="Sector", choices=Sector.choices),
    Facet(param="stage", field="stages", legend="Stage of the family's journey", choices=Stage.choices),
    Facet(param="coverage", field="coverage", legend="Area covered", choices=COVERAGE_CHOICES),
)


def _clean_search_text(text: str) -> str:
    """Control characters (a NUL byte breaks PostgreSQL) and double quotes
    become spaces, runs of whitespace collapse, and the length is capped so a
    search stays cheap. Wagtail's SQLite backend wraps each word in double
    quotes without escaping any inside it, so one in a word is an FTS5 syntax
    error; the words are searched as plain text, so quotes mean nothing here."""
    kept = "".join(" " if char == '"' or unicodedata.category(char) in {"Cc", "Cf"} else char for char in text)
    return " ".join(kept.split())[:MAX_SEARCH_LENGTH]


@dataclass(frozen=True)
class ResourceFilters:
    """What a visitor asked the library for: search words and, per facet, the
    values ticked. Values the library does not know are kept aside in
    `ignored` (as "parameter “value”") so the page can say so."""

    q: str = ""
    selected: Mapping[str, frozenset[str]] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, params: QueryDict) -> "ResourceFilters":
        selected: dict[str, frozenset[str]] = {}
        ignored: list[str] = []
        for facet in FACETS:
            values = set(params.getlist(facet.param))
            values.discard("")
            known = values & facet.values
            if known:
                selected[facet.param] = frozenset(known)
            ignored.extend(f"{facet.param} “{value[:40]}”" for value in sorted(values - known))
        return cls(q=_clean_search_text(params.get("q", "")), selected=selected, ignored=tuple(ignored))

    @property
    def active(self) -> bool:
        return bool(self.q or self.selected)

    @property
    def ignored_shown(self) -> tuple[str, ...]:
        return self.ignored[:MAX_IGNORED_SHOWN]

    @property
    def ignored_not_shown(self) -> int:
        return max(0, len(self.ignored) - MAX_IGNORED_SHOWN)

    def is_selected(self, facet: Facet, value: str) -> bool:
        return value in self.selected.get(facet.param, frozenset())


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetCounts:
    facet: Facet
    options: list[FacetOption]


@dataclass
class ResourceLibrary:
    """One page of matching resources, how many matched, and each facet's
    options with the number of resources each would show."""

    page: Page
    total: int
    facets: list[FacetCounts]


# A resource as the library filters it: its id and, per facet parameter, its values.
_Row = tuple[int, dict[str, frozenset[str]]]
_FACET_FIELDS = [facet.field for facet in FACETS]


def _facet_values(values: Sequence[object]) -> dict[str, frozenset[str]]:
    """The values of the facet fields, in FACETS' order, as sets: one for a
    single-choice field, all of them for a list."""
    return {
        facet.param: frozenset(str(item) for item in (value if isinstance(value, list) else [value]))
        for facet, value in zip(FACETS, values, strict=True)
    }


def _library_rows(q: str) -> list[_Row]:
    """Every resource that matches the search words (all of them if there are
    none), best match first, else by title. One query either way."""
    if q:
        # Wagtail search: PostgreSQL full-text search on PostgreSQL, FTS5 on SQLite.
        # Every word must appear (in the title, summary or organisation's name).
        found = Resource.objects.only("id", *_FACET_FIELDS).search(q, operator="and")
        return [(resource.pk, _facet_values([getattr(resource, name) for name in _FACET_FIELDS])) for resource in found]
    rows = Resource.objects.order_by(Lower("title"), "pk").values_list("pk", *_FACET_FIELDS)
    return [(pk, _facet_values(values)) for pk, *values in rows]


def _matches(values: Mapping[str, frozenset[str]], filters: ResourceFilters, *, ignoring: str | None = None) -> bool:
    """Within a facet any ticked value will do; across facets, all must hold."""
    return all(values[param] & chosen for param, chosen in filters.selected.items() if param != ignoring)


def _facet_counts(rows: Sequence[_Row], filters: ResourceFilters) -> list[FacetCounts]:
    """Each option's count is what the visitor would see on ticking it: the
    search and the other facets apply, the option's own facet does not.
    Options with nothing to show are left out unless ticked."""
    facets = []
    for facet in FACETS:
        counts: Counter[str] = Counter()
        for _, values in rows:
            if _matches(values, filters, ignoring=facet.param):
                counts.update(values[facet.param])
        options = [
            FacetOption(value=value, label=label, count=counts[value], selected=filters.is_selected(facet, value))
            for value, label in facet.choices
        ]
        facets.append(FacetCounts(facet=facet, options=[o for o in options if o.count or o.selected]))
    return facets


def resource_library(*, filters: ResourceFilters, page_number: str | int | None) -> ResourceLibrary:
    """The library page's resources and facet counts in two queries however
    many resources there are: the facet values of every resource that matches
    the search (the facets are applied and counted from these, in Python), and
    the page of resources with their organisations and documents. A malformed
    or out-of-range page number gives the nearest page."""
    rows = _library_rows(filters.q)
    matching = [pk for pk, values in rows if _matches(values, filters)]
    page = Paginator(matching, RESOURCES_PER_PAGE).get_page(page_number)
    if page.object_list:
        by_pk = Resource.objects.select_related("organisation", "document").in_bulk(list(page.object_list))
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    return ResourceLibrary(page=page, total=len(matching), facets=_facet_counts(rows, filters))


def _list_contains(field_name: str, value: str) -> Q:
    """Resources whose JSON list `field_name` holds `value`."""
    if connection.features.supports_json_field_contains:
        return Q(**{f"{field_name}__contains": [value]})
    # SQLite has no JSON containment lookup. The list is stored as JSON text,
    # and the quotes make this match whole values only ("prison", not "prison_x");
    # values are fixed choice identifiers, never containing quotes themselves.
    return Q(**{f"{field_name}__icontains": f'"{value}"'})


def resources_for_stage(*, stage: str, limit: int = 5) -> list[Resource]:
    """Up to `limit` resources tagged with `stage`, by title, with their
    organisations and documents: one query. For module pages to point to
    their stage's resources. Raises ValueError for an unknown stage."""
    if stage not in Stage.values:
        raise ValueError(f"Unknown stage: {stage!r}")
    return list(
        Resource.objects.filter(_list_contains("stages", stage))
        .select_related("organisation", "document")
        .order_by(Lower("title"), "pk")[:limit]
    )


def organisation_directory() -> list[Organisation]:
    """Every organisation, alphabetically, with the titles of its resources:
    two queries."""
    return list(
        Organisation.objects.order_by(Lower("name"), "pk").prefetch_related(
            Prefetch(
                "resources",
                queryset=Resource.objects.order_by(Lower("title"), "pk").only("id", "title", "organisation_id"),
            )
        )
    )
