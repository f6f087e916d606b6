"""Snippets in the Wagtail admin that each staff member sees only part of.

Wagtail's snippet permissions are per model: a trainer who may change
workshops may change every workshop. A `ScopedSnippetViewSet` narrows every
one of its views (listing, add, edit, copy, delete, history, usage, inspect,
and the chooser with its chosen views) to what `scope(user)` returns: an
object outside it answers 404, as if it did not exist. The bulk actions and
the delete hooks are covered by `refuse_out_of_scope`, which the
`before_delete_snippet` and `before_bulk_action` hooks call.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet


class _ScopedViewMixin:
    scope_of: Any  # the viewset's scope function, set when the view class is built

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        pk = kwargs.get("pk")
        if pk is not None and not self.scope_of(request.user).filter(pk=unquote(str(pk))).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    # The chooser's listing and its "chosen" lookups.
    def get_object_list(self) -> QuerySet[Any]:
        return super().get_object_list().filter(pk__in=self.scope_of(self.request.user))  # type: ignore[misc,attr-defined]

    def get_objects(self, pks: list[str]) -> QuerySet[Any]:
        return super().get_objects(pks).filter(pk__in=self.scope_of(self.request.user))  # type: ignore[misc,attr-defined]


def _scoped(view_class: type, scope: Any) -> type:
    # Keeps the view's own module, so the URL walker files it with the viewset's other views.
    namespace = {"scope_of": staticmethod(scope), "__module__": view_class.__module__}
    return type(f"Scoped{view_class.__name__}", (_ScopedViewMixin, view_class), namespace)


class _ScopedChooserViewSet(SnippetChooserViewSet):
    scope: Any = None

    def construct_view(self, view_class: type, **kwargs: Any) -> Any:
        return super().construct_view(_scoped(view_class, type(self).scope), **kwargs)


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every view sees only `scope(user)`."""

    @staticmethod
    def scope(user: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.scope(request.user)

    def construct_view(self, view_class: type, **kwargs: Any) -> Any:
        return super().construct_view(_scoped(view_class, type(self).scope), **kwargs)

    @property
    def chooser_viewset_class(self) -> type:
        return type("ScopedChooserViewSet", (_ScopedChooserViewSet,), {"scope": staticmethod(type(self).scope)})


def refuse_out_of_scope(request: HttpRequest, objects: Iterable[Model]) -> HttpResponse | None:
    """For the delete and bulk-action hooks: refuse when any object is outside its viewset's scope."""
    for instance in objects:
        viewset = getattr(type(instance), "snippet_viewset", None)
        if isinstance(viewset, ScopedSnippetViewSet) and not (
            viewset.scope(request.user).filter(pk=instance.pk).exists()
        ):
            messages.error(request, "You can only change what you run.")
            return redirect("wagtailadmin_home")
    return None
