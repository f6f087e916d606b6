"""The public site shell and the demo content."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from accounts.models import User
from cms.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def test_the_home_page_is_the_site_root_and_shows_the_helpline(client):
    call_command("seed_demo", allow_production=True)

    page = client.get("/").content.decode()

    assert "Supporting the children and families of prisoners" in page
    assert "200,000" in page
    footer = page[page.index('<footer class="govuk-footer">') :]
    assert "i-HOP helpline for professionals: " in footer
    assert 'href="tel:08088022013">0808 802 2013</a> (Monday to Friday, 9am to 5pm)' in footer
    assert "For families: National Prisoners' Families Helpline" in footer.replace("&#x27;", "'")
    assert 'href="tel:08088082003">0808 808 2003</a>' in footer
    assert '<a href="#main" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>' in page
    assert '<main class="govuk-main-wrapper" id="main"' in page
    assert 'aria-label="Main"' in page


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo", allow_production=True)
    counts = (User.objects.count(), Page.objects.count(), SiteSettings.objects.count())
    home_revision = HomePage.objects.get().latest_revision_id

    call_command("seed_demo", allow_production=True)

    assert (User.objects.count(), Page.objects.count(), SiteSettings.objects.count()) == counts
    assert HomePage.objects.get().latest_revision_id == home_revision
    assert "learner@example.org" in capsys.readouterr().out


def test_seeding_puts_right_the_earlier_demo_helpline_and_keeps_an_editors_own(client):
    call_command("seed_demo", allow_production=True)
    settings = SiteSettings.objects.get()
    settings.helpline_phone = "0808 808 2003"  # what earlier demo seeds wrote for professionals
    settings.save()

    call_command("seed_demo", allow_production=True)
    settings.refresh_from_db()
    assert settings.helpline_phone == "0808 802 2013"

    settings.helpline_phone = "0800 000 1234"
    settings.save()
    call_command("seed_demo", allow_production=True)
    settings.refresh_from_db()
    assert settings.helpline_phone == "0800 000 1234"


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="Refusing to create demo members"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_demo_members_sign_in(client):
    call_command("seed_demo", allow_production=True)

    for email in ("learner@example.org", "trainer@example.org", "admin@example.org"):
        client.logout()
        response = client.post("/account/login/", {"login": email, "password": "ihop-demo-2026"})
        assert response.status_code == 302, email
        assert "_auth_user_id" in client.session


def test_an_unknown_address_is_a_404_in_the_site_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_cached_menu_and_footer_change_as_soon_as_editors_change_them(client):
    from cms.models import StandardPage

    call_command("seed_demo", allow_production=True)
    assert "Contact us" not in client.get("/").content.decode()

    page = StandardPage(title="Contact us", slug="contact", show_in_menus=True)
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    settings = SiteSettings.objects.get()
    settings.helpline_phone = "0800 000 1234"
    settings.save()

    html = client.get("/").content.decode()
    assert ">Contact us</a>" in html
    assert "0800 000 1234" in html

    page.unpublish()
    assert ">Contact us</a>" not in client.get("/").content.decode()


def test_the_cached_site_follows_a_change_of_its_root_page(client):
    from wagtail.models import Site

    call_command("seed_demo", allow_production=True)
    assert client.get("/").status_code == 200
    home = HomePage.objects.get()
    about = home.get_children().get(slug="about")

    site = Site.objects.get()
    site.root_page = about
    site.save()

    assert "Who we are and why this training exists." in client.get("/").content.decode()
