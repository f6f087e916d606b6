"""The content origin must be on another site than the platform (scorm.W001)."""

import pytest

from scorm.checks import content_origin_on_another_site, registrable_domain


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("app.example.org", "example.org"),
        ("scorm.cdn.example.org", "example.org"),
        ("learning.i-hop.org.uk", "i-hop.org.uk"),
        ("ihop.herokuapp.com", "ihop.herokuapp.com"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
        ("Example.ORG.", "example.org"),
    ],
)
def test_registrable_domain(host, site):
    assert registrable_domain(host) == site


@pytest.mark.parametrize(
    ("site_url", "content_origin", "warned"),
    [
        ("https://app.example.org", "https://scorm.example.org", True),
        ("https://example.org", "https://content.example.org", True),
        ("https://learning.i-hop.org.uk", "https://scorm.i-hop.org.uk", True),
        ("https://app.example.org", "https://example-content.net", False),
        ("https://learning.i-hop.org.uk", "https://content.barnardos.org.uk", False),
        ("http://localhost:8000", "http://127.0.0.1:8000", False),
    ],
)
def test_the_check_warns_only_when_both_share_a_site(settings, site_url, content_origin, warned):
    settings.SITE_URL, settings.SCORM_CONTENT_ORIGIN = site_url, content_origin
    assert [message.id for message in content_origin_on_another_site()] == (["scorm.W001"] if warned else [])
