"""Whole pages kept for visitors who are not signed in (cms.middleware.VisitorsPageCacheMiddleware):
the directory and the site search answer the next such visitor without a query, with the same
headers, and never show one visitor what belongs to another."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpResponse
from django.middleware.csrf import get_token

from cms.middleware import VisitorsPageCacheMiddleware, for_all_visitors
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


def visitors_request(rf):
    request = rf.get("/a-listing/", HTTP_HOST="localhost")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize("visitors_own", ["a form's CSRF token", "a cookie"])
def test_a_page_holding_something_of_the_visitors_own_is_not_kept(rf, visitors_own):
    answered = []

    def view(request):
        answered.append(request)
        response = for_all_visitors(HttpResponse("<p>A listing</p>"))
        if visitors_own == "a cookie":
            response.set_cookie("seen", "yes")
        else:
            get_token(request)
        return response

    middleware = VisitorsPageCacheMiddleware(view)
    middleware(visitors_request(rf))
    middleware(visitors_request(rf))
    assert len(answered) == 2  # the second visitor was not given the first one's page

    answered.clear()
    kept = VisitorsPageCacheMiddleware(lambda request: answered.append(request) or for_all_visitors(HttpResponse("x")))
    kept(visitors_request(rf))
    kept(visitors_request(rf))
    assert len(answered) == 1  # the same page with nothing of the visitor's own is kept
