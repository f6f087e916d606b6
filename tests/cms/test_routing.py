"""Which page an address names is kept in the shared cache (cms/routing.py): whatever an editor
does to the page tree, the next request must find the page where it now is, and nothing where
it no longer is. And the cache's generations, read once per request (cms/site_cache.py)."""

import pytest
from wagtail.models import Page

from cms.site_cache import content_cache_clear, content_cached, generations_read_once
from tests.courses.factories import catalogue, make_course

pytestmark = pytest.mark.django_db


def status(client, url: str) -> int:
    return client.get(url).status_code


def served_elsewhere(client, old: str, new: str) -> bool:
    """The old address no longer serves the page: 404, or Wagtail's automatic redirect to the new."""
    response = client.get(old)
    return response.status_code == 404 or (response.status_code == 301 and response["Location"].endswith(new))


def test_the_next_request_follows_every_change_to_the_page_tree(client):
    course = make_course(title="Court")
    address = course.url
    assert status(client, address) == 200

    course.slug = "the-court-hearing"  # renamed in the CMS, and published
    course.save_revision().publish()
    renamed = Page.objects.get(pk=course.pk).url
    assert served_elsewhere(client, address, renamed)
    assert status(client, renamed) == 200

    other = make_course(title="Release")
    Page.objects.get(pk=course.pk).move(other, pos="last-child")  # moved under another page
    moved = Page.objects.get(pk=course.pk).url
    assert served_elsewhere(client, renamed, moved)
    assert status(client, moved) == 200

    Page.objects.get(pk=course.pk).specific.unpublish()
    assert status(client, moved) == 404

    other.delete()
    assert status(client, other.url) == 404


def test_a_page_published_where_an_address_named_nothing_is_found_at_once(client):
    address = f"{catalogue().url}prison/"
    assert status(client, address) == 404

    prison = make_course(title="Prison", live=False)
    prison.save_revision().publish()
    assert prison.url == address
    assert status(client, address) == 200


def test_a_request_that_changes_a_listing_reads_it_afresh_afterwards():
    """The generations are read once per request; a change made in the request forgets them."""
    built = []

    def listing() -> str:
        built.append(1)
        return f"listing {len(built)}"

    with generations_read_once():
        assert content_cached("tests-listing", (), listing) == "listing 1"
        assert content_cached("tests-listing", (), listing) == "listing 1"  # kept
        content_cache_clear()  # the request saves an organisation
        assert content_cached("tests-listing", (), listing) == "listing 2"
