"""Walks every URL pattern of our own apps, so a new endpoint cannot slip
through without someone deciding who may open it.

Each of our views is listed as public or members-only: below, or in a
`tests/<app>/url_access.py` with its own `PUBLIC` and `MEMBERS_ONLY` sets
(so each app keeps its own list). A view that is in no list fails the walk; a members-only view that answers an
anonymous visitor with anything but the sign-in page fails it too.
"""

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

OUR_MODULES = (
    "accounts.",
    "cms.",
    "courses.",
    "quizzes.",
    "scorm.",
    "workshops.",
    "certificates.",
    "quality.",
    "reports.",
    "sitesearch.",
    "cpd.",
    "elearning.",
)

PUBLIC = {"elearning.health.healthz", "elearning.csp.csp_report", "cms.views.web_manifest", "cms.views.favicon"}
MEMBERS_ONLY = {
    "accounts.views.dashboard",
    "accounts.views.profile_edit",
    "accounts.views.data_export",
    "accounts.views.erase",
    "courses.views.enrol",
    "courses.views.complete_module",
    "courses.views.save_reflection",
}
# Views an app adds to the Wagtail admin (register_admin_urls): Wagtail sends
# anonymous visitors to its own sign-in, and the view checks the permission.
ADMIN_ONLY: set[str] = set()
for _listing in sorted(Path(__file__).parent.glob("*/url_access.py")):
    _module = importlib.import_module(f"tests.{_listing.parent.name}.url_access")
    PUBLIC |= getattr(_module, "PUBLIC", set())
    MEMBERS_ONLY |= getattr(_module, "MEMBERS_ONLY", set())
    ADMIN_ONLY |= getattr(_module, "ADMIN_ONLY", set())

# Placeholder values for URL parameters: the walk only checks who gets in.
SAMPLE_ARGUMENTS = {"int": "1", "str": "sample", "slug": "sample", "uuid": "00000000-0000-0000-0000-000000000000"}


def walk(patterns: list, prefix: str = "") -> Iterator[tuple[str, str]]:  # type: ignore[type-arg]
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            view = entry.callback
            yield prefix + str(entry.pattern), f"{view.__module__}.{view.__name__}"


def our_endpoints() -> list[tuple[str, str]]:
    return [(route, view) for route, view in walk(get_resolver().url_patterns) if view.startswith(OUR_MODULES)]


def concrete_path(route: str) -> str:
    import re

    path = re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLE_ARGUMENTS.get(match.group(1) or "str", "1"), route)
    return "/" + path.lstrip("^").rstrip("$")


def test_every_endpoint_of_ours_is_classified():
    unclassified = sorted({view for _, view in our_endpoints()} - PUBLIC - MEMBERS_ONLY - ADMIN_ONLY)

    assert unclassified == [], f"decide who may open these and list them in {__name__}: {unclassified}"


@pytest.mark.django_db
def test_members_only_endpoints_send_anonymous_visitors_to_sign_in(client):
    checked = 0
    for route, view in our_endpoints():
        if view not in MEMBERS_ONLY:
            continue
        response = client.get(concrete_path(route))
        assert response.status_code in {302, 404}, f"{route} answered {response.status_code} to an anonymous visitor"
        if response.status_code == 302:
            assert response["Location"].startswith("/account/login/"), route
        checked += 1
    assert checked == len(MEMBERS_ONLY)


@pytest.mark.django_db
def test_admin_only_endpoints_send_anonymous_visitors_to_the_admin_sign_in(client):
    checked = set()  # one view can serve several routes (a viewset's add, copy and edit)
    for route, view in our_endpoints():
        if view not in ADMIN_ONLY:
            continue
        response = client.get(concrete_path(route))
        assert response.status_code == 302, f"{route} answered {response.status_code} to an anonymous visitor"
        assert response["Location"].startswith("/cms/login/"), route
        checked.add(view)
    assert checked == ADMIN_ONLY
