"""The Content-Security-Policy of every platform page (django-csp 4).

Platform pages load scripts, styles, images and fonts from our own origin
only, with no inline script (a nonce where one is ever needed), frame only
the SCORM content origin and the video providers' privacy players, and may
not be framed themselves (`frame-ancestors 'none'`). Wagtail's admin under
/cms/ needs inline scripts and styles and frames its own previews, so it has
its own, wider policy (`ADMIN_DIRECTIVES`): the admin is for staff only and
renders no member-supplied HTML unescaped. The SCORM content origin never
reaches this middleware: `scorm.middleware.ContentOriginMiddleware` answers
it first, with its own sandboxing policy.

Violations are reported to `csp_report`, which logs them (the dev settings
run the policy report-only, so a violation shows in the log and breaks
nothing); the browser suite fails a test on any violation.
"""

import json
import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from elearning.csp_directives import ADMIN_PREFIX, admin_directives, platform_directives

logger = logging.getLogger("elearning.csp")

MAX_REPORT_BYTES = 16 * 1024


class PlatformCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy under /cms/, built from
    the current SCORM_CONTENT_ORIGIN (the settings say which policies are on)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        configured = settings.CONTENT_SECURITY_POLICY_REPORT_ONLY if report_only else settings.CONTENT_SECURITY_POLICY
        if configured and parts.config is None:
            build = admin_directives if request.path_info.startswith(ADMIN_PREFIX) else platform_directives
            parts.config = build(content_origin=settings.SCORM_CONTENT_ORIGIN)
        return parts


@csrf_exempt  # browsers post reports without a token; the view only logs
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log a browser's CSP violation report. Answers 204 whatever it is sent."""
    body = request.body[:MAX_REPORT_BYTES] if int(request.META.get("CONTENT_LENGTH") or 0) <= MAX_REPORT_BYTES else b""
    try:
        report = json.loads(body or b"{}").get("csp-report", {})
    except (ValueError, AttributeError):
        report = {}
    if isinstance(report, dict):
        logger.warning(
            "CSP violation: %s blocked %s on %s",
            str(report.get("violated-directive", "?"))[:200],
            str(report.get("blocked-uri", "?"))[:200],
            str(report.get("document-uri", "?"))[:200],
        )
    return HttpResponse(status=204)
