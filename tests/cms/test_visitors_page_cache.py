"""Whole pages kept for visitors who are not signed in (cms.middleware.VisitorsPageCacheMiddleware):
the directory and the site search answer the next such visitor without a query, with the same
headers, and never show one visitor what belongs to another."""

import pytest

from tests.accounts.factories import MemberFactory
from tests.cms.factories import OrganisationFactory
from tests.cms.test_directory import DIRECTORY, library_page

pytestmark = pytest.mark.django_db

SEARCH = "/search/?q=families"


@pytest.fixture
def pages():
    library_page()
    OrganisationFactory(name="Alpha Families", description="Support for families at prison visits.")


@pytest.mark.parametrize("address", [DIRECTORY, SEARCH])
def test_a_visitor_not_signed_in_is_answered_from_the_kept_page(client, django_assert_num_queries, pages, address):
    first = client.get(address)
    with django_assert_num_queries(0):
        again = client.get(address)

    assert again.status_code == 200 and again.content == first.content
    assert b"Alpha Families" in again.content
    policy = "Content-Security-Policy"
    assert again.get(policy) == first.get(policy) and again.get(policy)  # the middleware above still runs
    assert again["X-Frame-Options"] == first["X-Frame-Options"]


def test_a_signed_in_member_never_gets_a_visitors_page_nor_leaves_theirs(client, pages):
    assert b"Sign up free" in client.get(DIRECTORY).content  # kept for visitors

    member = MemberFactory(full_name="Dana Member")
    client.force_login(member)
    theirs = client.get(DIRECTORY).content.decode()
    assert "Sign out" in theirs and "Sign up free" not in theirs

    client.logout()
    visitors = client.get(DIRECTORY).content.decode()
    assert "Sign up free" in visitors and "Sign out" not in visitors


def test_a_message_waiting_is_shown_to_its_visitor_alone(client, pages):
    client.get(DIRECTORY)  # kept for visitors, without any message
    member = MemberFactory()
    member.set_password("a long passphrase")
    member.save()
    client.force_login(member)
    # Leaving the platform signs the member out and leaves a message for the next page they see.
    client.post("/account/delete/", {"password": "a long passphrase"})

    assert "everything we held about you have been deleted" in client.get(DIRECTORY).content.decode()
    assert "have been deleted" not in client.get(DIRECTORY).content.decode()  # shown once, as always
