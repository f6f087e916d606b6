"""Page routing from the site root in two queries.

Wagtail's default router walks the tree one level at a time (two queries per
level), so a module page four levels down costs eight queries before it does
any work. Every page stores its full `url_path`, so the root finds the deepest
page the address names in one query, loads it (one more), and hands it the rest
of the address: a RoutablePageMixin page (such as /resources/organisations/)
resolves its own sub-paths, any other page answers 404 for them, and a page
that is not live answers 404 as Wagtail's router does.
"""

from typing import Any

from django.http import Http404, HttpRequest
from wagtail.models import Page


class DirectRoutingMixin:
    url_path: str
    depth: int

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if not path_components:
            return super().route(request, path_components)  # type: ignore[misc]
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:count])}/" for count in range(1, len(path_components) + 1)
        ]
        deepest = (
            Page.objects.filter(url_path__in=prefixes).order_by("-depth").only("id", "depth", "content_type_id").first()
        )
        if deepest is None:
            raise Http404
        remaining = path_components[deepest.depth - self.depth :]
        return deepest.specific.route(request, remaining)
