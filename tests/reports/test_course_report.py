import csv
import io
import re

import pytest
from django.urls import reverse

from accounts.choices import Role
from courses.services import enrolment_create, module_start
from tests.accounts.factories import MemberFactory
from tests.courses.factories import course_trainer, make_course
from tests.reports.builders import service

pytestmark = pytest.mark.django_db


def test_a_trainer_reads_the_report_of_a_course_they_run(client):
    built = service(members=12)
    client.force_login(course_trainer(built.course))

    html = client.get(reverse("reports:course_detail", args=[built.course.pk])).content.decode()

    totals = dict(
        re.findall(
            r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value">(.*?)</dd>', html
        )
    )
    assert totals == {"Enrolled": "12", "Started": "12", "Completed": "6", "Mean time to complete": "2 days"}
    assert re.search(r"<th scope=\"row\"[^>]*>Module 1</th><td[^>]*>12</td><td[^>]*>6</td>", html)
    assert re.search(
        r"<th scope=\"row\"[^>]*>Knowledge check</th><td[^>]*>12</td><td[^>]*>6</td><td[^>]*>50.0%</td>", html
    )
    learner = built.members[0]
    enrolment = learner.enrolments.get()
    link = reverse("reports:learner_detail", args=[built.course.pk, enrolment.pk])
    assert re.search(rf'<a [^>]*href="{re.escape(link)}">{re.escape(learner.full_name)}</a>', html)


def test_the_learner_row_leads_to_their_progress(client):
    course = make_course(title="Prison visits", modules=2)
    learner = MemberFactory(full_name="Ada Learner")
    enrolment = enrolment_create(member=learner, course=course)
    first = course.get_children().first().specific
    module_start(enrolment=enrolment, module=first)
    client.force_login(course_trainer(course))

    html = client.get(reverse("reports:learner_detail", args=[course.pk, enrolment.pk])).content.decode()

    assert "Ada Learner: progress on Prison visits" in html
    assert re.search(r"Module 1</th>\s*<td[^>]*>\d+ \w+ \d{4}</td>\s*<td[^>]*>\N{EN DASH}</td>", html)
    assert re.search(r"Module 2</th>\s*<td[^>]*>Not started</td>", html)


def test_a_trainer_is_refused_another_trainers_course(client):
    theirs = service(members=3)
    mine = make_course(title="Mine")
    client.force_login(course_trainer(mine))
    enrolment = theirs.members[0].enrolments.get()

    assert client.get(reverse("reports:course_detail", args=[theirs.course.pk])).status_code == 404
    assert client.get(reverse("reports:course_csv", args=[theirs.course.pk])).status_code == 404
    assert client.get(reverse("reports:learner_detail", args=[theirs.course.pk, enrolment.pk])).status_code == 404
    # Nor may they reach it through their own course's address.
    assert client.get(reverse("reports:learner_detail", args=[mine.pk, enrolment.pk])).status_code == 404
    listing = client.get(reverse("reports:course_list")).content.decode()
    assert "Mine" in listing and "Courts and sentencing" not in listing


def test_an_administrator_reads_every_course_and_a_learner_none(client):
    built = service(members=2)
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    assert client.get(reverse("reports:course_detail", args=[built.course.pk])).status_code == 200
    client.force_login(built.members[0])
    assert client.get(reverse("reports:course_detail", args=[built.course.pk])).status_code == 404
    assert client.get(reverse("reports:course_list")).status_code == 404


def test_the_csv_lists_every_learner(client):
    built = service(members=150)  # more than a page
    client.force_login(course_trainer(built.course))

    response = client.get(reverse("reports:course_csv", args=[built.course.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["name", "email", "sector", "region"]
    assert rows[0][4:] == ["enrolled", "modules completed", "completed", "days to complete"]
    assert len(rows) == 151
    first = next(row for row in rows if row[1] == "learner0@example.org")
    assert first[2:4] == ["Education", "North West"] and first[5] == "3" and first[7] == "2"


def test_the_page_lists_learners_a_hundred_at_a_time(client):
    built = service(members=150)
    client.force_login(course_trainer(built.course))

    second = client.get(reverse("reports:course_detail", args=[built.course.pk]), {"page": 2}).content.decode()

    assert "Learners 101 to 150 of 150" in second
    assert second.count("/learners/") == 50


@pytest.mark.parametrize("learners", [10, 1000])
def test_the_report_costs_the_same_queries_for_10_and_1000_learners(client, learners, django_assert_num_queries):
    built = service(members=learners)
    client.force_login(course_trainer(built.course))
    url = reverse("reports:course_detail", args=[built.course.pk])
    client.get(url)

    # The member and their groups; the course; four for the report; the page's count and rows; what the
    # site's layout reads for staff (their permissions, two; Wagtail's user bar, two).
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200
