from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from outbox import admin_views


class OutboxMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm(admin_views.VIEW_PERMISSION))


@hooks.register("register_admin_urls")
def outbox_admin_urls() -> list[Any]:
    return [path("outbox/", include((admin_views.urlpatterns, "outbox_admin")))]


@hooks.register("register_admin_menu_item")
def outbox_menu_item() -> MenuItem:
    return OutboxMenuItem("Outbox", reverse("outbox_admin:list"), icon_name="mail", order=900)
