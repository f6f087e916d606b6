"""A live server that accepts a burst of connections at once (as tests/workshops does)."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


class _BurstServer(ThreadedWSGIServer):
    # Django's test server queues 10 connections; twenty at one instant need more.
    request_queue_size = 128


class _BurstServerThread(LiveServerThread):
    server_class = _BurstServer


@dataclass(frozen=True)
class BurstServer:
    url: str


@pytest.fixture
def quiz_server(transactional_db: None) -> Iterator[BurstServer]:
    """A threaded HTTP server on loopback, one thread per request, each with its own database connection."""
    thread = _BurstServerThread("127.0.0.1", static_handler=StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield BurstServer(url=f"http://127.0.0.1:{thread.port}")
    finally:
        thread.terminate()


def base_data_ensure() -> None:
    """What migrations create and our transactional tests need: Wagtail's root page,
    collection and locale, the home page and site, the role groups with their
    permissions (question bank and quizzes included). An earlier transactional
    test in the same run may have flushed them; each step is a no-op when present."""
    import importlib

    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page, Site

    from cms.models import HomePage

    # A flush re-creates content types under new ids; forget the ones cached before it.
    ContentType.objects.clear_cache()
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        root = Page.objects.filter(depth=1).first() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="i-HOP learning", slug="home"))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="i-HOP")
    # These data migrations use get_or_create, so running them again is safe.
    importlib.import_module("accounts.migrations.0002_role_groups").create_role_groups(apps, None)
    importlib.import_module("courses.migrations.0002_administrators_approve_content").administrators_approve(apps, None)
    importlib.import_module("quizzes.migrations.0002_question_bank_permissions").grant_question_bank(apps, None)
    importlib.import_module("quizzes.migrations.0004_quiz_permissions").grant(apps, None)
