from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from enews import admin_views
from enews.models import EnewsIssuePage


class EnewsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm(admin_views.SEND_PERMISSION))


@hooks.register("register_admin_urls")
def enews_admin_urls() -> list[Any]:
    return [path("enews/", include((admin_views.urlpatterns, "enews_admin")))]


@hooks.register("register_admin_menu_item")
def enews_menu_item() -> MenuItem:
    return EnewsMenuItem("E-news", reverse("enews_admin:list"), icon_name="mail", order=850)


@hooks.register("register_page_header_buttons")
def enews_send_button(page: Any, user: Any, view_name: str | None = None, next_url: str | None = None) -> Any:
    """ "Send or schedule" on an issue's page header in the editor."""
    is_issue = page.specific_class is not None and issubclass(page.specific_class, EnewsIssuePage)
    if is_issue and user.has_perm(admin_views.SEND_PERMISSION):
        yield Button("Send or schedule", reverse("enews_admin:issue", args=[page.pk]), icon_name="mail", priority=5)
