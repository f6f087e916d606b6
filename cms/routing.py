"""Page routing from the site root in one query.

Wagtail's default router walks the tree one level at a time (two queries per
level), so a module page four levels down costs eight queries before it does
any work. Every page stores its full `url_path`, so the root finds the deepest
page the address names in one query (kept in the shared cache until the page
tree changes), loads it (one query), and hands it the rest of the address: a
RoutablePageMixin page (such as /resources/organisations/) resolves its own
sub-paths, any other page answers 404 for them, and a page that is not live
answers 404 as Wagtail's router does.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from cms.site_cache import page_tree_cached


class DirectRoutingMixin:
    url_path: str
    depth: int

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if not path_components:
            return super().route(request, path_components)  # type: ignore[misc]
        found = page_tree_cached("route", (self.url_path, *path_components), lambda: self._deepest(path_components))
        if found is None:
            raise Http404
        page_id, depth, content_type_id = found
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        page: Page | None = model._default_manager.filter(pk=page_id).first()
        if page is None:  # deleted since (the delete has cleared the cache for the next request)
            raise Http404
        return page.route(request, path_components[depth - self.depth :])

    def _deepest(self, path_components: list[str]) -> tuple[int, int, int] | None:
        """(id, depth, content type) of the deepest page the address names, if it is the whole
        address or a page that resolves sub-paths itself; None (not kept) otherwise, so a page
        created later at that address is found even where no signal said the tree changed."""
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:count])}/" for count in range(1, len(path_components) + 1)
        ]
        deepest = (
            Page.objects.filter(url_path__in=prefixes).order_by("-depth").only("id", "depth", "content_type_id").first()
        )
        if deepest is None:
            return None
        whole = deepest.depth - self.depth == len(path_components)
        routable = issubclass(
            ContentType.objects.get_for_id(deepest.content_type_id).model_class() or Page, RoutablePageMixin
        )
        if not (whole or routable):
            raise Http404  # a page that does not route sub-paths: Wagtail's answer, not kept
        return deepest.pk, deepest.depth, deepest.content_type_id
