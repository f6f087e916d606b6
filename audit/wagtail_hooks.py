"""The audit trail in the Wagtail admin: a menu item for administrators, and an "Audit trail"
button on the admin listings of the objects staff actions change (members, workshops).
Certificates link to it from their own admin list."""

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from audit import admin_views
from audit.templatetags.audit_tags import audit_trail_url_for

PERMISSION = "audit.view_auditentry"
# Snippets whose rows get the button (named, not imported: audit imports no app).
AUDITED_SNIPPETS = {"workshops.workshop"}


@hooks.register("register_admin_urls")
def audit_admin_urls() -> list[Any]:
    return [path("audit/", include((admin_views.urlpatterns, "audit_admin")))]


class AuditMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm(PERMISSION))


@hooks.register("register_settings_menu_item")
def audit_menu_item() -> MenuItem:
    return AuditMenuItem("Audit trail", reverse("audit_admin:trail"), icon_name="history", order=900)


@hooks.register("register_user_listing_buttons")
def user_audit_button(user: Any, request_user: Any) -> list[Button]:
    if not request_user.has_perm(PERMISSION):
        return []
    return [Button("Audit trail", audit_trail_url_for(user), icon_name="history", priority=90)]


@hooks.register("register_snippet_listing_buttons")
def snippet_audit_button(snippet: Any, user: Any, next_url: str | None = None) -> list[Button]:
    if snippet._meta.label_lower not in AUDITED_SNIPPETS or not user.has_perm(PERMISSION):
        return []
    return [Button("Audit trail", audit_trail_url_for(snippet), icon_name="history", priority=90)]
