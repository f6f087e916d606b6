"""The services directory and the site search at two sizes of directory.

For each size in BENCH_DIRECTORY_SIZES (default "100,5000" organisations, each
with two resources, added to the demo's and indexed for search):

- `directory_page_<n>`: /resources/organisations/ (the first page of the A to Z);
- `directory_search_<n>`: /resources/organisations/?q=visits&serves=families;
- `site_search_<n>`: /search/?q=visits (the header search, every kind).

Value: requests per second through gunicorn; floor: the floor view in the same
run; ratio = value / floor (goal >= 0.2). wrk repeats one address, so after the
first request its listing comes from the shared cache (cms.site_cache.content_cached)
as a popular search or the directory's first page would. Each figure also records
the number of database queries one request makes, and the queries and time of a
first request after a change, when every organisation is read to count the facets
(read with Django's test client in this process); the run fails if a page's counts
differ between sizes, since the pages must take a fixed number of queries whatever
the size.
"""

import os
import time
from typing import Any

SIZES = [int(size) for size in os.environ.get("BENCH_DIRECTORY_SIZES", "100,5000").split(",") if size.strip()]
PAGES = {
    "directory_page": "/resources/organisations/",
    "directory_search": "/resources/organisations/?q=visits&serves=families",
    "site_search": "/search/?q=visits",
}
PREFIX = "Bench directory organisation"


def _grow_to(size: int) -> None:
    """Add bench organisations (two resources each) until `size` of them exist, indexed for search."""
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from cms.models import Organisation, Resource
    from cms.site_cache import content_cache_clear

    have = Organisation.objects.filter(name__startswith=PREFIX).count()
    if have >= size:
        return
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{PREFIX} {number:05}",
                description="Family support: prison visits, advice and a helpline for families.",
                coverage="national" if number % 3 else "north_west",
                serves=["families"] if number % 2 else ["children", "professionals"],
            )
            for number in range(have, size)
        ]
    )
    resources = Resource.objects.bulk_create(
        [
            Resource(
                title=f"{organisation.name}: {kind}",
                organisation=organisation,
                summary="What families need to know before a first prison visit.",
                resource_type="service",
                sectors=["education", "health"],
                stages=["prison"],
                url="https://bench.example.org/",
            )
            for organisation in organisations
            for kind in ("visits guide", "helpline")
        ]
    )
    backend = get_search_backend()
    backend.add_bulk(Organisation, organisations)
    backend.add_bulk(Resource, resources)
    # bulk_create sends no post_save, so the cached listings must be told, as an import would.
    content_cache_clear()
    # Fresh statistics, as autovacuum would gather soon after inserts like these: without them
    # PostgreSQL plans the site search's ranked organisations (LIMIT 5) as if the index were
    # still small, and the page took 2.9 s instead of 46 ms at 5,000 organisations.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _queries_and_first_ms(path: str) -> tuple[int, int, float]:
    """(queries of a repeated request, queries of a first one, milliseconds of a first one), read
    with Django's test client in this process. A first request is one after a change to the
    directory, when the listing is not cached; its time is the median of three."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.site_cache import content_cache_clear

    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost")
    client.get(path)  # warm the site cache, as wrk's warm-up does
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    if status != 200:
        raise RuntimeError(f"{path} answered {status} to the test client")
    first_ms = []
    for _ in range(3):
        content_cache_clear()
        with CaptureQueriesContext(connection) as first:
            started = time.perf_counter()
            client.get(path)
            first_ms.append((time.perf_counter() - started) * 1000)
    return len(captured), len(first), sorted(first_ms)[1]


def run(harness: Any) -> dict[str, dict[str, object]]:
    figures: dict[str, dict[str, object]] = {}
    counts: dict[str, set[tuple[int, int]]] = {name: set() for name in PAGES}
    for size in SIZES:
        _grow_to(size)
        for name, path in PAGES.items():
            url = harness.base_url + path
            harness.require_ok(name, url, {})
            queries, first_queries, first_ms = _queries_and_first_ms(path)
            counts[name].add((queries, first_queries))
            harness.progress(
                f"directory: {name} with {size} organisations ({queries} queries; a first request "
                f"after a change {first_queries} queries, {first_ms:.0f} ms)"
            )
            floor = harness.floor_rps()
            value = harness.measure(name, url, {}, harness.seconds)
            figures[f"{name}_{size}"] = {
                "value": round(value, 1),
                "floor": round(floor, 1),
                "ratio": round(value / floor, 3) if floor else 0.0,
                "unit": "req/s",
                "higher_is_better": True,
                "organisations": size,
                "queries": queries,
                "first_request_queries": first_queries,
                "first_request_ms": round(first_ms, 1),
            }
    varying = {name: sorted(found) for name, found in counts.items() if len(found) > 1}
    if varying:
        raise RuntimeError(f"query counts change with the directory's size: {varying}")
    return figures
