"""The trainer report per package: attempts, status, score, time, interactions; escaped; CSV."""

import csv
import io

import pytest
from django.urls import reverse

from scorm.selectors import scorm_placements
from scorm.services import attempt_current
from tests.accounts.factories import MemberFactory
from tests.courses.factories import course_trainer
from tests.scorm.builders import package_12
from tests.scorm.test_attempts import cmi_12, commit, setup

HOSTILE = "<img src=x onerror=alert(1)>"


def taken() -> tuple:
    member, module, package = setup(package_12())
    member.full_name = '=HYPERLINK("http://evil.example") ' + HOSTILE
    member.save()
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    cmi = cmi_12("passed", raw="85", session_time="00:10:05")
    cmi["interactions"] = {
        "0": {"id": "q1", "type": "choice", "student_response": HOSTILE, "result": "correct", "latency": "00:00:05"},
        "1": {"id": "q2", "type": "fill-in", "student_response": "court", "result": "wrong", "time": "10:01:02"},
    }
    commit(attempt, module, 1, "i1", cmi)
    return member, package, module


@pytest.mark.django_db
def test_a_trainer_sees_each_attempt_with_every_value_escaped(client):
    _, package, module = taken()
    client.force_login(course_trainer(module.get_parent().specific))

    listing = client.get(reverse("wagtailsnippets_scorm_scormpackage:list")).content.decode()
    assert f'href="{reverse("scorm_admin:report", args=[package.pk])}"' in listing

    response = client.get(reverse("scorm_admin:report", args=[package.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert HOSTILE not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "completed, passed (complete)" in html
    assert "85" in html and "0:10:05" in html
    # One row per interaction: id, type, learner response, result, latency, time.
    assert "<td>q1</td><td>choice</td><td>&lt;img" in html
    assert "<td>q2</td><td>fill-in</td><td>court</td><td>wrong</td><td></td><td>10:01:02</td>" in html


@pytest.mark.django_db
def test_the_csv_has_one_row_per_interaction_and_no_formulas(client):
    _, package, module = taken()
    client.force_login(MemberFactory(role="trainer"))  # a trainer who does not run the course
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("scorm_admin:report_csv", args=[package.pk])).content.decode()))
    )
    assert rows[1:] == []

    client.force_login(course_trainer(module.get_parent().specific))
    response = client.get(reverse("scorm_admin:report_csv", args=[package.pk]))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Learner", "Email", "Module", "Attempt"]
    first, second = rows[1:]
    assert first[0].startswith("'=HYPERLINK")  # a spreadsheet shows it as text
    assert first[4:8] == second[4:8] == ["completed", "passed", "85.0000", "0:10:05"]
    assert first[8:] == ["Only page", "q1", "choice", HOSTILE, "correct", "00:00:05", ""]
    assert second[8:] == ["Only page", "q2", "fill-in", "court", "wrong", "", "10:01:02"]


@pytest.mark.django_db
def test_learners_cannot_open_the_report(client):
    member, package, _module = taken()
    client.force_login(member)
    for name in ("scorm_admin:report", "scorm_admin:report_csv"):
        response = client.get(reverse(name, args=[package.pk]))
        assert response.status_code in {302, 404}  # staff pages do not exist for those who may not use them
        assert b"q1" not in response.content
