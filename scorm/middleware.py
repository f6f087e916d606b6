"""Serves package files on the separate content origin, and nothing else there.

Requests whose Host is the content origin's host (SCORM_CONTENT_ORIGIN, by
default http://127.0.0.1:8000 beside the platform's http://localhost:8000)
get only `/scorm-content/<folder>/<path>` of a ready package, with a
sandboxing Content-Security-Policy without allow-same-origin; every other
path on that host is 404, so no platform page, form or endpoint answers on
it. The platform never serves package files on its own host (no URL).
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

CONTENT_PATH = re.compile(r"^/scorm-content/(?P<folder>[0-9a-f]{32})/(?P<path>.+)$")
SANDBOX_CSP = (
    "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads; "
    "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; object-src 'none'; base-uri 'self'"
)


def content_host() -> str:
    return (urlsplit(settings.SCORM_CONTENT_ORIGIN).netloc or "").lower()


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
    if not ScormPackage.objects.filter(folder=match["folder"], status=ScormPackage.Status.READY).exists():
        raise Http404
    name = f"scorm/packages/{match['folder']}/{normalised}"
    if not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(normalised)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    response.xframe_options_exempt = True  # type: ignore[attr-defined]  # framed by the player
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
            return content_response(request.path)
        except Http404:
            return _not_found()
