from collections.abc import Callable

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from cms.site_cache import generations_read_once, site_for_request, visitors_page_get, visitors_page_keep


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


# A response a view has marked as the same for every visitor who is not signed in (`for_all_visitors`).
_FOR_ALL_VISITORS = "_ihop_for_all_visitors"


def for_all_visitors(response: HttpResponse) -> HttpResponse:
    """Mark a page whose every byte, for a visitor who is not signed in, depends only on its
    address and on what the listings' cache generation covers (pages, organisations, resources,
    documents, workshops): `VisitorsPageCacheMiddleware` may then keep it and answer the next such
    visitor with it."""
    setattr(response, _FOR_ALL_VISITORS, True)
    return response


class VisitorsPageCacheMiddleware:
    """Whole pages kept for visitors who are not signed in, where the view says the page is the
    same for all of them (the services directory, the site search: listings that cost a read of
    every row and a render of the whole shell).

    The next such request for the same address is answered from the shared cache before routing
    and rendering; the middleware above still runs on the way out, so the cached page leaves with
    the same security headers (the content security policy) as any other. Never kept or served:
    a signed-in visitor (their header names them), a visitor with messages waiting (they would be
    lost or shown to others), anything but GET, and any response that is not a plain 200, sets a
    cookie or holds a CSRF token. Kept for at most five minutes, and forgotten with the listings (cms.site_cache).
    Last in MIDDLEWARE: the authentication and messages it checks are read by then.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._may_share(request):
            return self.get_response(request)
        address = request.build_absolute_uri()
        kept = visitors_page_get(address)
        if kept is not None:
            body, content_type = kept
            return HttpResponse(body, content_type=content_type)
        response = self.get_response(request)
        if self._shareable(request, response):
            visitors_page_keep(address, response.content, response["Content-Type"])
        return response

    def _shareable(self, request: HttpRequest, response: HttpResponse) -> bool:
        """Marked by its view, a plain 200, and nothing in it the visitor's own: no cookie set
        here, no CSRF token or session change for the middleware above to send (a form's token in
        the body would be theirs), still nobody signed in and no message waiting."""
        marked = getattr(response, _FOR_ALL_VISITORS, False) and response.status_code == 200
        own = bool(response.cookies) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.session.modified
        return bool(marked and not own and not response.streaming and self._may_share(request))

    @staticmethod
    def _may_share(request: HttpRequest) -> bool:
        return request.method == "GET" and not request.user.is_authenticated and not len(get_messages(request))
