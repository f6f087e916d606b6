from typing import Any

from django.http import HttpRequest
from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from scorm import admin_views
from scorm.models import ScormPackage
from scorm.services import package_processing_queue


class ScormPackageViewSet(SnippetViewSet):
    model = ScormPackage
    icon = "folder-inverse"
    menu_label = "SCORM packages"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "version", "state_summary", "report_link", "course_link", "created_at"]
    list_filter = ["status", "version"]


register_snippet(ScormPackageViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def extract_uploaded_package(request: HttpRequest, instance: object) -> None:
    if isinstance(instance, ScormPackage):
        if instance.uploaded_by_id is None:
            instance.uploaded_by = request.user  # type: ignore[assignment]
            instance.save(update_fields=["uploaded_by"])
        if getattr(instance, "upload_changed", True):
            package_processing_queue(instance)


@hooks.register("register_admin_urls")
def scorm_admin_urls() -> list[Any]:
    return [path("scorm-reports/", include((admin_views.urlpatterns, "scorm_admin")))]
