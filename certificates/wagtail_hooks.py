"""The Wagtail admin: certificate templates (trainers and administrators),
per-course settings, and revoking or reissuing certificates (administrators)."""

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from certificates import admin_views
from certificates.models import CertificateTemplate, CourseCertificateSettings


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = "Templates"
    list_display = ["name", "title", "is_default"]


class CourseCertificateSettingsViewSet(SnippetViewSet):
    model = CourseCertificateSettings
    icon = "cog"
    menu_label = "Course settings"
    list_display = ["course", "template", "expiry_months"]


class CertificateSnippets(SnippetViewSetGroup):
    items = (CertificateTemplateViewSet, CourseCertificateSettingsViewSet)
    menu_icon = "doc-full"
    menu_label = "Certificate design"
    menu_name = "certificate-design"


register_snippet(CertificateSnippets)


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("certificates.change_certificate"))


@hooks.register("register_admin_urls")
def certificate_admin_urls() -> list[Any]:
    return [path("issued-certificates/", include((admin_views.urlpatterns, "certificates_admin")))]


@hooks.register("register_admin_menu_item")
def certificate_menu_item() -> MenuItem:
    return AdministratorsMenuItem(
        "Certificates", reverse("certificates_admin:list"), icon_name="tick-inverse", order=450
    )
