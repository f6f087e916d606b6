"""The platform's CSP directives, as plain data (the settings import this; elearning/csp.py explains them)."""

from typing import Any

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

REPORT_PATH = "/csp-report/"
ADMIN_PREFIX = "/cms/"
# The privacy players courses/blocks.py embeds videos from.
VIDEO_PLAYERS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def platform_directives(*, content_origin: str) -> dict[str, Any]:
    return {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, content_origin, *VIDEO_PLAYERS],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "report-uri": REPORT_PATH,
    }


def admin_directives(*, content_origin: str) -> dict[str, Any]:
    """Wagtail's admin: inline scripts and styles, previews framed by the admin itself."""
    return {
        **platform_directives(content_origin=content_origin),
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-ancestors": [SELF],
    }
