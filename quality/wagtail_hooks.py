"""The statements as snippets (administrators edit them), and the
administrators' aggregate report."""

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from quality import admin_views
from quality.models import QualityStatement


class QualityStatementViewSet(SnippetViewSet):
    model = QualityStatement
    icon = "list-ol"
    menu_label = "Quality statements"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["number", "title"]


register_snippet(QualityStatementViewSet)


class AggregateMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm(admin_views.AGGREGATE_PERMISSION))


@hooks.register("register_admin_urls")
def quality_admin_urls() -> list[Any]:
    return [path("quality-ratings/", include((admin_views.urlpatterns, "quality_admin")))]


@hooks.register("register_reports_menu_item")
def quality_ratings_menu_item() -> MenuItem:
    return AggregateMenuItem("Quality ratings", reverse("quality_admin:ratings"), icon_name="table", order=900)
