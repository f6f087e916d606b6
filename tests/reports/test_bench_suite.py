"""The reports bench suite at a small scale: its generator writes the proportions the issue asks
for with SQL, and its timings run against a live server on that data."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.choices import Role
from bench import suite_reports
from reports.dashboard import dashboard_figures_forget
from tests.accounts.factories import MemberFactory
from tests.courses.factories import catalogue

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_generator_writes_the_data_set_at_a_small_scale():
    catalogue()

    generated = suite_reports.generate(scale=0.002)

    assert generated["members"] == 200
    assert generated["big_course_learners"] == 40
    assert generated["enrolments"] == 40 + 3 * 187  # 600 in all, the big course's 40 and the rest shared
    # Seven modules each, less the last for every third enrolment: about 6.67 per enrolment.
    assert 6.5 * generated["enrolments"] < generated["module_progress"] < 6.8 * generated["enrolments"]
    assert generated["bookings"] == 40
    assert generated["seconds"] >= 0


def test_the_dashboard_and_course_report_are_timed_on_the_generated_data(live_server):
    catalogue()
    generated = suite_reports.generate(scale=0.001)
    client = Client()
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}

    dashboard = suite_reports.response_seconds(live_server.url, "/reports/", headers, samples=2)
    uncached = suite_reports.response_seconds(
        live_server.url, "/reports/", headers, samples=2, before_each=dashboard_figures_forget
    )
    report = suite_reports.response_seconds(
        live_server.url, f"/reports/courses/{generated['big_course_id']}/", headers, samples=2
    )

    assert dashboard > 0 and uncached > 0 and report > 0
    assert suite_reports.count_seconds(samples=2) > 0
