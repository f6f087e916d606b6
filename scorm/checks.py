"""A system check that the SCORM content origin is on another site than the platform.

Cookies are scoped to a registrable domain ("site"), not to a host: content
on scorm.example.org can set a cookie for example.org that the platform on
app.example.org receives (cookie tossing), and sign a learner in as someone
else. The platform's own cookies use the `__Host-` prefix in production, which
no sibling host can set or shadow; the content origin on a different
registrable domain (example-content.org beside example.org) closes the rest.
"""

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

# Public suffixes of more than one label that this service's hosts are likely to sit under (the UK's and
# the common cloud ones); any other host is taken to have a one-label suffix (example.org -> example.org).
MULTI_LABEL_SUFFIXES = {
    "co.uk", "org.uk", "ac.uk", "gov.uk", "nhs.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk", "sch.uk",
    "police.uk", "com.au", "co.nz", "herokuapp.com", "azurewebsites.net", "cloudfront.net", "github.io",
    "pages.dev", "onrender.com", "fly.dev", "appspot.com",
}  # fmt: skip


def registrable_domain(host: str) -> str:
    """The site a host belongs to: its public suffix and one label more (an IP address or a single label is itself)."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) < 2:
        return host
    suffix_labels = 2 if ".".join(labels[-2:]) in MULTI_LABEL_SUFFIXES else 1
    return ".".join(labels[-(suffix_labels + 1) :])


@register()
def content_origin_on_another_site(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    platform = urlsplit(settings.SITE_URL).hostname or ""
    content = urlsplit(settings.SCORM_CONTENT_ORIGIN).hostname or ""
    if platform and content and registrable_domain(platform) == registrable_domain(content):
        return [
            Warning(
                f"SCORM_CONTENT_ORIGIN ({content}) and SITE_URL ({platform}) are on one site "
                f"({registrable_domain(platform)}): package content could set cookies the platform receives.",
                hint="Serve package content from a different registrable domain (see docs/security.md).",
                id="scorm.W001",
            )
        ]
    return []
