"""Reads for the resource library and the services directory. Each returns what
a page shows in a fixed number of queries, whatever the number of resources or
organisations. The facet machinery here (SearchFilters, facet_counts,
filters_match) is shared by every faceted listing: the library, the directory
and the case studies."""

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.http import QueryDict

from accounts.choices import Region, Sector
from cms.choices import COVERAGE_CHOICES, NATIONAL, Audience, ResourceType, Stage
from cms.models import OTHER_LETTER, Organisation, Resource, name_letter

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


def clean_search_text(text: str) -> str:
    """Control characters (a NUL byte breaks PostgreSQL) and double quotes
    become spaces, runs of whitespace collapse, and the length is capped so a
    search stays cheap. Wagtail's SQLite backend wraps each word in double
    quotes without escaping any inside it, so one in a word is an FTS5 syntax
    error; the words are searched as plain text, so quotes mean nothing here."""
    kept = "".join(" " if char == '"' or unicodedata.category(char) in {"Cc", "Cf"} else char for char in text)
    return " ".join(kept.split())[:MAX_SEARCH_LENGTH]


@dataclass(frozen=True)
class SearchFilters:
    """What a visitor asked a faceted listing for: search words and, per facet, the
    values ticked. Values the library does not know are kept aside in
    `ignored` (as "parameter “value”") so the page can say so."""

    q: str = ""
    selected: Mapping[str, frozenset[str]] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, params: QueryDict, *, facets: Sequence[Facet] = FACETS) -> "SearchFilters":
        selected: dict[str, frozenset[str]] = {}
        ignored: list[str] = []
        for facet in facets:
            values = set(params.getlist(facet.param))
            values.discard("")
            known = values & facet.values
            if known:
                selected[facet.param] = frozenset(known)
            ignored.extend(f"{facet.param} “{value[:40]}”" for value in sorted(values - known))
        return cls(q=clean_search_text(params.get("q", "")), selected=selected, ignored=tuple(ignored))

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


def filters_match(values: Mapping[str, frozenset[str]], filters: SearchFilters, *, ignoring: str | None = None) -> bool:
    """Within a facet any ticked value will do; across facets, all must hold."""
    return all(values[param] & chosen for param, chosen in filters.selected.items() if param != ignoring)


def facet_counts(
    rows: Sequence[_Row], filters: SearchFilters, *, facets: Sequence[Facet] = FACETS
) -> list[FacetCounts]:
    """Each option's count is what the visitor would see on ticking it: the
    search and the other facets apply, the option's own facet does not.
    Options with nothing to show are left out unless ticked. `rows` are
    (id, {facet parameter: values}) pairs."""
    counted = []
    for facet in facets:
        counts: Counter[str] = Counter()
        for _, values in rows:
            if filters_match(values, filters, ignoring=facet.param):
                counts.update(values[facet.param])
        options = [
            FacetOption(value=value, label=label, count=counts[value], selected=filters.is_selected(facet, value))
            for value, label in facet.choices
        ]
        counted.append(FacetCounts(facet=facet, options=[o for o in options if o.count or o.selected]))
    return counted


def resource_library(*, filters: SearchFilters, page_number: str | int | None) -> ResourceLibrary:
    """The library page's resources and facet counts in two queries however
    many resources there are: the facet values of every resource that matches
    the search (the facets are applied and counted from these, in Python), and
    the page of resources with their organisations and documents. A malformed
    or out-of-range page number gives the nearest page."""
    rows = _library_rows(filters.q)
    matching = [pk for pk, values in rows if filters_match(values, filters)]
    page = Paginator(matching, RESOURCES_PER_PAGE).get_page(page_number)
    if page.object_list:
        by_pk = Resource.objects.select_related("organisation", "document").in_bulk(list(page.object_list))
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    return ResourceLibrary(page=page, total=len(matching), facets=facet_counts(rows, filters))


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


# The services directory's facets. Sectors and stages are those of the resources an
# organisation publishes; region and scope come from where it works.
LOCAL = "local"
DIRECTORY_FACETS: tuple[Facet, ...] = (
    Facet(param="region", field="region", legend="Region", choices=Region.choices),
    Facet(param="scope", field="scope", legend="National or local", choices=[(NATIONAL, "National"), (LOCAL, "Local")]),
    Facet(param="serves", field="serves", legend="Who it serves", choices=Audience.choices),
    Facet(param="sector", field="sectors", legend="Sector", choices=Sector.choices),
    Facet(param="stage", field="stages", legend="Stage of the family's journey", choices=Stage.choices),
)
ORGANISATIONS_PER_PAGE = 20
ALPHABET = [*(chr(code) for code in range(ord("A"), ord("Z") + 1)), OTHER_LETTER]


@dataclass(frozen=True)
class LetterOption:
    letter: str
    count: int
    selected: bool


@dataclass
class Directory:
    """One page of organisations (with their resources), how many matched, each
    facet's options with counts, and the A to Z with how many each letter holds."""

    page: Page
    total: int
    facets: list[FacetCounts]
    letters: list[LetterOption]
    letter: str


def directory_letter(params: QueryDict) -> str:
    letter = params.get("letter", "").strip().upper()
    return letter if letter in ALPHABET else ""


def _directory_rows(q: str) -> list[tuple[int, str, dict[str, frozenset[str]]]]:
    """(id, letter, facet values) for every organisation matching the search, by
    name. A search word may be in the organisation's name or description, or in
    the title or summary of a resource it publishes (so "visits" finds who runs
    a visits scheme). Two queries, four with search words."""
    organisations = Organisation.objects.order_by(Lower("name"), "pk").values_list("pk", "name", "coverage", "serves")
    if q:
        # Unranked: the directory lists by name, and ranking every match costs more than finding it.
        found = {org.pk for org in Organisation.objects.only("id").search(q, operator="and", order_by_relevance=False)}
        resources = Resource.objects.only("id", "organisation_id").search(q, operator="and", order_by_relevance=False)
        found |= {resource.organisation_id for resource in resources}
    sectors: dict[int, set[str]] = {}
    stages: dict[int, set[str]] = {}
    for organisation_id, resource_sectors, resource_stages in Resource.objects.values_list(
        "organisation_id", "sectors", "stages"
    ):
        sectors.setdefault(organisation_id, set()).update(resource_sectors)
        stages.setdefault(organisation_id, set()).update(resource_stages)
    rows = []
    for pk, name, coverage, serves in organisations:
        if q and pk not in found:
            continue
        values = {
            "region": frozenset() if coverage == NATIONAL else frozenset({coverage}),
            "scope": frozenset({NATIONAL if coverage == NATIONAL else LOCAL}),
            "serves": frozenset(serves),
            "sector": frozenset(sectors.get(pk, ())),
            "stage": frozenset(stages.get(pk, ())),
        }
        rows.append((pk, name_letter(name), values))
    return rows


def services_directory(*, filters: SearchFilters, letter: str = "", page_number: str | int | None) -> Directory:
    """The directory page: organisations matching the search, facets and letter,
    alphabetically, a page at a time, each with its resources. A fixed number of
    queries however many organisations: four (six with search words), three when
    nothing matches. A malformed or out-of-range page number gives the nearest page."""
    rows = _directory_rows(filters.q)
    faceted = [(pk, row_letter) for pk, row_letter, values in rows if filters_match(values, filters)]
    letter_counts = Counter(row_letter for _, row_letter in faceted)
    matching = [pk for pk, row_letter in faceted if not letter or row_letter == letter]
    page = Paginator(matching, ORGANISATIONS_PER_PAGE).get_page(page_number)
    if page.object_list:
        by_pk = Organisation.objects.prefetch_related(
            Prefetch("resources", queryset=Resource.objects.select_related("document").order_by(Lower("title"), "pk"))
        ).in_bulk(list(page.object_list))
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    return Directory(
        page=page,
        total=len(matching),
        facets=facet_counts([(pk, values) for pk, _, values in rows], filters, facets=DIRECTORY_FACETS),
        letters=[LetterOption(letter=x, count=letter_counts[x], selected=x == letter) for x in ALPHABET],
        letter=letter,
    )
