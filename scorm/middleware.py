"""Serves package files on the separate content origin, and nothing else there.

Requests whose Host is the content origin's host (SCORM_CONTENT_ORIGIN, by
default http://127.0.0.1:8000 beside the platform's http://localhost:8000)
get only `/scorm-content/<folder>/<path>` of a ready package and the player's
runtime frame `/scorm-runtime/<folder>/?launch=<a launch of its manifest>`,
each with a sandboxing Content-Security-Policy that forbids top navigation
and lets only the platform (SITE_URL) frame them (package files may load
scripts, styles, fonts, images and media from https: unless the package is
set to the strict policy); every other path on that
host is 404, so no platform page, form or endpoint answers on it. The
platform never serves package files on its own host (no URL).

The sandbox keeps `allow-same-origin`, on this separate origin only, because
real packages script their own frames (the launch page of both fixture
packages calls `parent.RecordTest` from its inner frame) and find the API in
the runtime frame above them; without it every frame would get its own
opaque origin and neither would work. The content origin holds no cookie,
storage or right of the platform's. docs/scorm.md has the whole reasoning.
"""

import mimetypes
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.templatetags.static import static

CONTENT_PATH = re.compile(r"^/scorm-content/(?P<folder>[0-9a-f]{32})/(?P<path>.+)$")
RUNTIME_PATH = re.compile(r"^/scorm-runtime/(?P<folder>[0-9a-f]{32})/$")
# No allow-top-navigation (nor its variants): content cannot navigate the platform's page.
SANDBOX = "sandbox allow-scripts allow-same-origin allow-forms allow-popups allow-modals allow-downloads"


def content_host() -> str:
    return (urlsplit(settings.SCORM_CONTENT_ORIGIN).netloc or "").lower()


def platform_origin() -> str:
    """The platform's own origin (from SITE_URL): the only page that may frame
    content and the only origin the runtime frame talks to."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def platform_static(path: str) -> str:
    """A static file's absolute address as the content origin must load it (STATIC_URL may already be absolute)."""
    url = static(path)
    return url if urlsplit(url).scheme else platform_origin() + url


def content_csp(*, strict: bool = False) -> str:
    """The policy of a package's files. By default scripts, styles, fonts, images
    and media may also come from any https: address, since authoring tools load
    players, fonts and libraries from CDNs and this origin holds nothing of the
    platform's; requests the content makes itself (connect-src), frames and
    forms stay on this origin. `strict` (an administrator's choice per package)
    keeps everything on this origin."""
    own = "'self' 'unsafe-inline' 'unsafe-eval' data: blob:"
    loads = own if strict else f"{own} https:"
    return (
        f"{SANDBOX}; default-src {own}; script-src {loads}; style-src {loads}; font-src {loads}; "
        f"img-src {loads}; media-src {loads}; object-src 'none'; base-uri 'self'; "
        f"frame-ancestors 'self' {platform_origin()}"
    )


def _not_found() -> HttpResponse:
    response = HttpResponseNotFound("Not found", content_type="text/plain")
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def content_response(path: str) -> HttpResponseBase:
    from scorm.models import ScormPackage

    match = CONTENT_PATH.match(path)
    if not match:
        raise Http404
    relative = unquote(match["path"])
    normalised = posixpath.normpath(relative)
    if "\\" in relative or "\x00" in relative or normalised.startswith(("../", "/")) or normalised == "..":
        raise Http404
    strict = (
        ScormPackage.objects.filter(folder=match["folder"], status=ScormPackage.Status.READY)
        .values_list("strict_content_policy", flat=True)
        .first()
    )
    if strict is None:
        raise Http404
    name = f"scorm/packages/{match['folder']}/{normalised}"
    if not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(normalised)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Content-Security-Policy"] = content_csp(strict=strict)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    response.xframe_options_exempt = True  # type: ignore[attr-defined]  # framed by the player
    return response


def runtime_response(request: HttpRequest) -> HttpResponse:
    """The frame between the player and a SCO: it runs the SCORM runtime the
    content finds, handing commits to the platform's page, and loads one launch
    of the package's manifest (nothing else can be loaded through it)."""
    from scorm.models import ScormPackage

    match = RUNTIME_PATH.match(request.path)
    if not match:
        raise Http404
    package = ScormPackage.objects.filter(folder=match["folder"], status=ScormPackage.Status.READY).first()
    launch = request.GET.get("launch", "")
    sco = next((item for item in package.scos if item["launch"] == launch), None) if package else None
    if package is None or sco is None:
        raise Http404
    platform = platform_origin()
    runtime = "scorm12.min.js" if package.version == "1.2" else "scorm2004.min.js"
    scripts = [platform_static(f"vendor/scorm-again/{runtime}"), platform_static("scorm/runtime-frame.js")]
    html = render_to_string(
        "scorm/runtime_frame.html",
        {
            "title": sco["title"] or package.title,
            "version": package.version,
            "platform_origin": platform,
            "runtime_api_url": scripts[0],
            "runtime_script_url": scripts[1],
            "launch_url": f"/scorm-content/{package.folder}/{launch}",
        },
    )
    script_origins = " ".join(sorted({"{0.scheme}://{0.netloc}".format(urlsplit(url)) for url in scripts}))
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = (
        f"{SANDBOX}; default-src 'none'; script-src {script_origins}; style-src 'unsafe-inline'; frame-src 'self'; "
        f"frame-ancestors {platform}; base-uri 'none'; form-action 'none'"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response.xframe_options_exempt = True  # framed by the player
    return response


class ContentOriginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.META.get("HTTP_HOST", "").lower() != content_host():
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            return _not_found()
        try:
            if request.path.startswith("/scorm-runtime/"):
                return runtime_response(request)
            return content_response(request.path)
        except Http404:
            return _not_found()
