from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from cms.site_cache import generations_read_once, site_for_request


class CachedSiteMiddleware:
    """Give Wagtail the request's Site from the shared cache.

    Wagtail looks the site up once per request and keeps it on
    `request._wagtail_site`; setting it first skips two queries a page. The
    cache's generations are read once for the whole request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Lazy, so requests that never ask for the site (health checks, JSON) pay nothing.
        request._wagtail_site = SimpleLazyObject(lambda: site_for_request(request))  # type: ignore[attr-defined]
        with generations_read_once():
            return self.get_response(request)
