"""The site shell's menu and footer, cached across requests.

Every page shows them, and they change only when an editor publishes, moves
or deletes a page, or edits the site settings: `cms.apps` clears the cache
then (see cms/site_cache.py). This saves four queries on every page.
"""

from typing import Any

from django import template
from django.http import HttpRequest
from wagtail.models import Site

from cms.site_cache import site_contact, site_menu

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context: dict[str, Any]) -> dict[str, Any]:
    """Pages an editor has marked "show in menus", directly below the home page."""
    request: HttpRequest = context["request"]
    site = Site.find_for_request(request)
    return {"request": request, "menu_items": site_menu(site) if site else [], "user": context.get("user")}


@register.simple_tag(takes_context=True)
def footer_contact(context: dict[str, Any]) -> dict[str, str]:
    """The helpline and contact details from the site settings."""
    site = Site.find_for_request(context["request"])
    return site_contact(site) if site else {}


@register.filter
def can_use_cms(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("wagtailadmin.access_admin"))


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*text_and_address: Any) -> dict[str, Any]:
    """The design system's breadcrumbs, from pairs of a link's text and its address:
    `{% breadcrumbs "Workshops" workshops_url workshop.title workshop_url %}`."""
    if len(text_and_address) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of a link's text and its address")
    links = list(zip(text_and_address[::2], text_and_address[1::2], strict=True))
    return {"links": links}
