"""The site's own small files: the web manifest and the favicon address browsers guess."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ICON = "icons/i-hop.svg"
BRAND_PURPLE = "#4b2a7b"


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def web_manifest(request: HttpRequest) -> HttpResponse:
    """What a phone shows when a learner adds the site to their home screen. A view,
    not a static file, because the icon's address carries the static file's hash."""
    manifest = {
        "name": "i-HOP learning",
        "short_name": "i-HOP",
        "description": "Free training for professionals who support the children and families of prisoners.",
        "lang": "en-GB",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": BRAND_PURPLE,
        "icons": [{"src": static(ICON), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and bots ask for /favicon.ico whatever the page's <link rel="icon"> says;
    without this each would fall through to Wagtail's page tree and a 404."""
    return HttpResponsePermanentRedirect(static(ICON))
