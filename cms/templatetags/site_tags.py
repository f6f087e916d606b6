from typing import Any

from django import template
from django.http import HttpRequest
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context: dict[str, Any]) -> dict[str, Any]:
    """Pages an editor has marked "show in menus", directly below the home page."""
    request: HttpRequest = context["request"]
    site = Site.find_for_request(request)
    pages: list[Page] = []
    if site is not None:
        # Plain Page rows are enough for a title and a URL; `.specific()` would
        # cost a query per page type, and deferred fields a query per field.
        pages = list(site.root_page.get_children().live().public().in_menu())
    return {"request": request, "menu_pages": pages, "user": context.get("user")}


@register.filter
def can_use_cms(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("wagtailadmin.access_admin"))
