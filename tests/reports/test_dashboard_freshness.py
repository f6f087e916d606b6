"""The dashboard keeps its figures in the shared cache (docs/reports.md): what a reader sees must
still follow the records. A change made through the services shows at once; a write that skips
save() shows once the kept figures expire."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.choices import Role
from courses.models import Enrolment
from courses.selectors import course_modules
from courses.services import enrolment_create, module_complete
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course
from tests.reports.builders import service
from tests.reports.test_dashboard import DASHBOARD, commissioner, table
from workshops.services import booking_create

pytestmark = pytest.mark.django_db


def administrator(client):
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR, sector="", region=""))


def enrolments(client, title: str, **filters: str) -> list[str]:
    return table(client.get(DASHBOARD, filters).content.decode(), "enrolments-by-course")[title]


def test_an_enrolment_and_a_completion_show_on_the_dashboard_at_once(client, django_capture_on_commit_callbacks):
    service(members=6)
    course = make_course(title="Visiting a prison", modules=2)
    learner = MemberFactory(sector="health", region="wales")
    enrolment_create(member=MemberFactory(sector="health", region="london"), course=course)
    administrator(client)
    assert enrolments(client, "Visiting a prison") == ["1", "0"]

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(member=learner, course=course)
    assert enrolments(client, "Visiting a prison") == ["2", "0"]
    assert enrolments(client, "Visiting a prison", region="wales") == ["1", "0"]

    with django_capture_on_commit_callbacks(execute=True):
        for module in course_modules(course):
            module_complete(member=learner, module=module)
    assert enrolments(client, "Visiting a prison") == ["2", "1"]
    assert enrolments(client, "Visiting a prison", region="wales") == ["1", "1"]


def test_a_member_who_changes_sector_moves_at_once(client):
    built = service(members=6)
    administrator(client)
    before = table(client.get(DASHBOARD).content.decode(), "members-by-sector")

    member = built.members[0]
    member.sector = "prison"
    member.save(update_fields=["sector"])
    after = table(client.get(DASHBOARD).content.decode(), "members-by-sector")

    assert before["Prison"] == ["0"] and after["Prison"] == ["1"]


def test_a_write_that_skips_save_shows_once_the_kept_figures_expire(client, monkeypatch):
    monkeypatch.setattr("reports.dashboard.DASHBOARD_CACHE_SECONDS", 1)
    built = service(members=6)
    administrator(client)
    assert enrolments(client, "Courts and sentencing") == ["6", "3"]

    # As the bench's SQL, a bulk update sends no signal: the figures kept are shown until they expire.
    Enrolment.objects.filter(course=built.course, completed_at__isnull=True).update(completed_at=timezone.now())
    assert enrolments(client, "Courts and sentencing") == ["6", "3"]
    time.sleep(1.2)
    assert enrolments(client, "Courts and sentencing") == ["6", "6"]


def test_a_commissioner_sees_small_counts_hidden_in_figures_an_administrator_had_counted(client):
    service(members=12)
    administrator(client)
    assert table(client.get(DASHBOARD).content.decode(), "workshops-by-region")["London"] == ["24", "9", "3", "3", "3"]

    client.force_login(commissioner())
    html = client.get(DASHBOARD).content.decode()

    assert table(html, "workshops-by-region")["London"] == ["24", "9", "fewer than 5", "fewer than 5", "fewer than 5"]


def test_figures_asked_for_again_are_not_counted_again_even_after_a_sign_in(client):
    built = service(members=20)
    reader = commissioner()
    client.force_login(reader)
    client.get(DASHBOARD, {"region": "london"})
    client.force_login(built.members[0])  # saves last_login, which no figure reads
    client.force_login(reader)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD, {"region": "london"})

    assert response.status_code == 200
    # Only the reader's own: the session's member, their groups and the layout's permissions.
    assert len(queries) == 4, [query["sql"] for query in queries]
    assert "data-counted-at" in response.content.decode()


def test_a_booking_shows_in_the_workshop_places_at_once(client, django_capture_on_commit_callbacks):
    built = service(members=12)
    administrator(client)
    assert table(client.get(DASHBOARD).content.decode(), "workshops-by-region")["London"] == ["24", "9", "3", "3", "3"]

    with django_capture_on_commit_callbacks(execute=True):
        booking_create(member=MemberFactory(region="london"), workshop_id=built.workshop.pk)

    assert table(client.get(DASHBOARD).content.decode(), "workshops-by-region")["London"] == ["24", "10", "3", "3", "3"]
