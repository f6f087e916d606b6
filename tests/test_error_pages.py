"""Our own error pages, in every settings module: "Page not found" even in `make run`,
and a styled "Something went wrong" that reads nothing from the database."""

import subprocess
import sys

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.services import PROJECT_DIR

pytestmark = pytest.mark.django_db

STYLED_NOT_FOUND = "elearning.dev_errors.StyledNotFoundMiddleware"


def test_the_default_run_uses_the_styled_not_found_page():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'elearning.settings.dev'; "
        "from django.conf import settings; print(settings.DEBUG, settings.MIDDLEWARE)"
    )
    shown = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert shown.stdout.startswith("True") and STYLED_NOT_FOUND in shown.stdout


def test_with_debug_on_a_missing_page_is_our_page_not_djangos(client, settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, STYLED_NOT_FOUND]

    response = client.get("/no-such-page/")
    page = response.content.decode()

    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page and 'class="govuk-footer"' in page
    assert "Using the URLconf" not in page and "Raised by" not in page


def test_without_it_debug_shows_djangos_page(client, settings):
    # The control: what `make run` showed before, and would again without the middleware.
    settings.DEBUG = True

    assert "Raised by" in client.get("/no-such-page/").content.decode()


def test_the_error_page_is_styled_and_reads_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    page = response.content.decode()

    assert response.status_code == 500
    assert 'rel="stylesheet"' in page and 'class="govuk-generic-header ihop-header"' in page
    assert '<html lang="en-GB" class="govuk-template">' in page
    assert '<h1 class="govuk-heading-l">Something went wrong</h1>' in page
