"""Pages people expect on any service: the accessibility statement, the privacy notice,
a favicon and a web manifest."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from cms.models import SiteSettings, StandardPage
from demo.site import demo_site_seed
from tests.accounts.factories import MemberFactory

pytestmark = pytest.mark.django_db

ACCESSIBILITY_SECTIONS = [  # the UK public sector model statement's sections
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website",
    "Compliance status",
    "Non-accessible content",
    "What we are doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def _footer(client, path="/"):
    page = client.get(path).content.decode()
    return page[page.index('<footer class="govuk-footer">') :]


def _link(html: str, text: str) -> str:
    before = html[: html.index(f">{text}</a>")]
    return before[before.rindex('href="') + 6 : before.rindex('"')]


def test_every_footer_links_the_statement_and_notice_and_they_say_what_they_must(client):
    demo_site_seed()

    footer = _footer(client)
    statement = client.get(_link(footer, "Accessibility statement")).content.decode().replace("&#x27;", "'")
    notice = client.get(_link(footer, "Privacy notice")).content.decode().replace("&#x27;", "'")

    assert [section for section in ACCESSIBILITY_SECTIONS if section not in statement] == []
    for section in ("What we keep", "Why we keep it", "Who can see it", "How long we keep it", "Your rights"):
        assert section in notice
    assert "Privacy notice" in _footer(client, reverse("certificates:verify_form"))


def test_sign_up_links_the_privacy_notice_beside_the_form(client):
    demo_site_seed()

    page = client.get(reverse("account_signup")).content.decode()
    start = page.index(f'action="{reverse("account_signup")}"')  # not the header's search form
    form = page[start : page.index("</form>", start)]

    assert _link(form, "Read our privacy notice") == StandardPage.objects.get(slug="privacy").url
    assert '<h1 class="govuk-heading-l">Sign up</h1>' in page.replace("\n", "")


def test_the_profile_form_links_the_privacy_notice_beside_the_form(client):
    demo_site_seed()
    client.force_login(MemberFactory())

    page = client.get(reverse("accounts:profile")).content.decode()
    start = page.index('<form method="post" novalidate>')
    form = page[start : page.index("</form>", start)]

    assert "Send me the monthly i-HOP e-news" in form
    assert _link(form, "Read our privacy notice") == StandardPage.objects.get(slug="privacy").url


def test_an_unpublished_notice_leaves_the_footer_at_once(client):
    demo_site_seed()
    assert "Privacy notice</a>" in _footer(client)

    StandardPage.objects.get(slug="privacy").unpublish()

    assert "Privacy notice</a>" not in _footer(client)
    assert "Accessibility statement</a>" in _footer(client)


def test_seeding_again_keeps_the_pages_an_editor_chose(client):
    demo_site_seed()
    own = StandardPage.objects.get(slug="about")
    settings = SiteSettings.objects.get()
    settings.privacy_notice = own
    settings.save()

    demo_site_seed()

    assert SiteSettings.objects.get().privacy_notice_id == own.pk
    assert _link(_footer(client), "Privacy notice") == own.url


def test_the_manifest_and_favicon_point_at_an_icon_that_exists(client):
    page = client.get(reverse("account_login")).content.decode()
    assert 'rel="icon"' in page and f'rel="manifest" href="{reverse("web_manifest")}"' in page

    response = client.get(reverse("web_manifest"))
    manifest = json.loads(response.content)
    favicon = client.get("/favicon.ico")

    assert response["Content-Type"] == "application/manifest+json"
    assert manifest["name"] == "i-HOP learning" and manifest["start_url"] == "/"
    [icon] = manifest["icons"]
    assert favicon.status_code == 301 and favicon["Location"] == icon["src"]
    assert finders.find(icon["src"].removeprefix("/static/")) is not None
