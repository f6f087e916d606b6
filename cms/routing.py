"""One-query page routing for the site root.

Wagtail's default router walks the tree one level at a time (two queries per
level), so a module page four levels down costs eight queries before it does
any work. Every page stores its full `url_path`, so the root can find the
target page in one query and only fall back to the walk when the address goes
beyond a page (a RoutablePageMixin route such as /resources/organisations/).
"""

from typing import Any

from django.http import Http404, HttpRequest
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult


class DirectRoutingMixin:
    url_path: str

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if path_components:
            target_path = f"{self.url_path}{'/'.join(path_components)}/"
            base = Page.objects.filter(url_path=target_path).only("id", "content_type_id").first()
            if base is not None:
                page = base.specific
                if isinstance(page, RoutablePageMixin):
                    # Its own root address may be a route too: let Wagtail decide.
                    return super().route(request, path_components)  # type: ignore[misc]
                if not page.live:
                    raise Http404
                return RouteResult(page)
        return super().route(request, path_components)  # type: ignore[misc]
