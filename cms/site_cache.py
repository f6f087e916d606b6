"""Cached reads for what every page needs (the site, the main menu and the footer
contact) and for the listings that read the whole directory (`content_cached`).

Keys carry a generation number; `site_cache_clear()` bumps it, so every web
process sees the change at once through the shared cache (Redis in
production, a file cache in the default run). The listings have a generation of
their own, bumped by `content_cache_clear()` when an organisation, resource, document or
workshop changes, so editing those leaves the menu and footer cached; a page
change clears both.
"""

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

GENERATION_KEY = "site-shell:generation"
CONTENT_GENERATION_KEY = "site-content:generation"
TIMEOUT = 24 * 3600
# What a listing cached with content_cached may show past its time: upcoming workshops stop being
# upcoming without any save to forget them by, so nothing is kept longer than this.
CONTENT_TIMEOUT = 300

T = TypeVar("T")


# The generations as this request first read them (`generations_read_once`): a page reads the
# cache four to six times (the site, the menu, the footer, a listing), and each read would
# otherwise first fetch its generation, one round trip to Redis each.
_request_generations: ContextVar[dict[str, Any] | None] = ContextVar("site_cache_generations", default=None)


@contextmanager
def generations_read_once() -> Iterator[None]:
    """For one request (cms.middleware): both generations are read together, once."""
    token = _request_generations.set({})
    try:
        yield
    finally:
        _request_generations.reset(token)


def _generation(generation_key: str) -> Any:
    memo = _request_generations.get()
    if memo is None:
        return cache.get_or_set(generation_key, 1, timeout=None)
    if generation_key not in memo:
        wanted = [
            key for key in dict.fromkeys((GENERATION_KEY, CONTENT_GENERATION_KEY, generation_key)) if key not in memo
        ]
        read = cache.get_many(wanted)
        for key in wanted:
            memo[key] = read[key] if key in read else cache.get_or_set(key, 1, timeout=None)
    return memo[generation_key]


def _key(kind: str, site: Site | None, *, generation_key: str = GENERATION_KEY) -> str:
    return f"{generation_key}:{_generation(generation_key)}:{kind}:{site.pk if site else ''}"


def _generation_incr(generation_key: str) -> None:
    memo = _request_generations.get()
    if memo is not None:
        memo.clear()  # what this request reads after its own change is read afresh
    try:
        cache.incr(generation_key)
    except ValueError:
        cache.set(generation_key, 2, timeout=None)


def _generation_bump(generation_key: str) -> None:
    """A new generation now, and another when the transaction commits: a request between the
    save and the commit reads the rows as they were and would keep them under the new number;
    the second bump forgets that. Outside a transaction both happen at once, harmlessly."""
    _generation_incr(generation_key)
    transaction.on_commit(lambda: _generation_incr(generation_key))


def site_menu(site: Site) -> list[dict[str, str]]:
    """Title and URL of each live, public page marked "show in menus" below the site root."""
    key = _key("menu", site)
    items: list[dict[str, str]] | None = cache.get(key)
    if items is None:
        pages: list[Page] = list(site.root_page.get_children().live().public().in_menu())
        items = [{"title": page.title, "url": page.get_url() or ""} for page in pages]
        cache.set(key, items, TIMEOUT)
    return items


def site_contact(site: Site) -> dict[str, Any]:
    key = _key("contact", site)
    contact: dict[str, Any] | None = cache.get(key)
    if contact is None:
        from cms.models import SiteSettings  # cms.models uses this module's page mixin

        settings = SiteSettings.for_site(site)
        contact = {
            "helpline_name": settings.helpline_name,
            "helpline_phone": settings.helpline_phone,
            "helpline_hours": settings.helpline_hours,
            "families_helpline_name": settings.families_helpline_name,
            "families_helpline_phone": settings.families_helpline_phone,
            "families_helpline_hours": settings.families_helpline_hours,
            "contact_email": settings.contact_email,
        }
        urls = _live_page_urls(site, [settings.accessibility_statement_id, settings.privacy_notice_id])
        contact["accessibility_url"] = urls.get(settings.accessibility_statement_id, "")
        contact["privacy_url"] = urls.get(settings.privacy_notice_id, "")
        cache.set(key, contact, TIMEOUT)
    return contact


def _live_page_urls(site: Site, page_ids: list[int | None]) -> dict[int, str]:
    """The addresses of those pages that are published and public, in one query
    (publishing, unpublishing or moving a page clears this cache)."""
    wanted = [page_id for page_id in page_ids if page_id is not None]
    if not wanted:
        return {}
    return {
        page.pk: page.get_url(current_site=site) or "" for page in Page.objects.live().public().filter(pk__in=wanted)
    }


def generation_cached(generation_key: str, kind: str, params: object, build: Callable[[], T], timeout: int) -> T:
    """`build()` for these `params` (a repr-stable value: strings, numbers, tuples, frozen
    dataclasses of them), from the shared cache until `generation_bump(generation_key)` or
    `timeout` seconds, whichever comes first. The parameters are hashed, so any search text makes
    a short key. A None answer is not kept: it is built again next time."""
    digest = hashlib.sha256(repr(params).encode()).hexdigest()[:32]
    key = _key(f"{kind}:{digest}", None, generation_key=generation_key)
    value: T | None = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, timeout)
    return value


def generation_bump(generation_key: str) -> None:
    """Forget everything kept by `generation_cached` under this generation, in every process."""
    _generation_bump(generation_key)


def content_cached(kind: str, params: object, build: Callable[[], T]) -> T:
    """`build()` for these `params`, from the shared cache while nothing shown has changed: every
    save or delete of what the listing reads must call content_cache_clear (cms.apps and
    sitesearch.apps connect them; a page change calls site_cache_clear, which clears this too).
    For listings whose answer is the same for every visitor and costs a read of every row (the
    directory's facets, the site search's ranking)."""
    return generation_cached(CONTENT_GENERATION_KEY, kind, params, build, CONTENT_TIMEOUT)


def page_tree_cached(kind: str, params: object, build: Callable[[], T | None]) -> T | None:
    """As `content_cached`, for what only the page tree decides (which page an address names):
    kept until any page is published, unpublished, moved, renamed or deleted (site_cache_clear).
    A None answer is not kept, so an address that named nothing is asked again."""
    return generation_cached(GENERATION_KEY, kind, params, build, TIMEOUT)


def visitors_page_get(address: str) -> tuple[bytes, str] | None:
    """The page kept for visitors who are not signed in at this address (cms.middleware), as
    (body, content type); under the listings' generation, so any change that clears them clears it."""
    return cache.get(_visitors_page_key(address))


def visitors_page_keep(address: str, body: bytes, content_type: str) -> None:
    cache.set(_visitors_page_key(address), (body, content_type), CONTENT_TIMEOUT)


def _visitors_page_key(address: str) -> str:
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return _key(f"visitors-page:{digest}", None, generation_key=CONTENT_GENERATION_KEY)


def content_cache_clear(**_: Any) -> None:
    """Forget the cached listings (connected to organisation, resource, document and workshop changes)."""
    _generation_bump(CONTENT_GENERATION_KEY)


def site_cache_clear(**_: Any) -> None:
    """Forget the cached menu and footer, and the listings, which show pages too (connected
    to page and settings changes)."""
    _generation_bump(GENERATION_KEY)
    _generation_bump(CONTENT_GENERATION_KEY)


def site_for_request(request: HttpRequest) -> Site | None:
    """The Wagtail Site for this request, with its root page already specific,
    from the shared cache: saves the site lookup and the root page load on
    every page. Cleared with the menu (a site or any page changes)."""
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    key = _key(f"site:{hostname}:{port}", None)
    site: Site | None = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is None:
            return None
        site.root_page = site.root_page.specific  # what routing loads next: keep it with the site
        cache.set(key, site, TIMEOUT)
    return site


def any_view_restrictions() -> bool:
    """Whether any page on any site is private (login, password or groups).

    Usually none is, and then checking a page's restrictions (two queries on
    every page served) can be skipped. Cleared when a restriction is saved or
    deleted.
    """
    key = _key("any-view-restrictions", None)
    found: bool | None = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, TIMEOUT)
    return found


class SkipViewRestrictionsWhenNoneExistMixin:
    """For page models: Wagtail checks view restrictions on every page it
    serves; when no page has any, answer without asking the database."""

    def get_view_restrictions(self) -> Any:
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]


def public_pages(pages: PageQuerySet) -> PageQuerySet:
    """`pages.public()`, without its restrictions query when no page is private."""
    return pages.public() if any_view_restrictions() else pages
