"""Every CSV download neutralises cells a spreadsheet would run as formulas: text that starts
with any of OWASP's characters (=, +, -, @, tab, carriage return) is written with a leading
quote. Each export is fed all six, in the fields a member or trainer can write."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse

from accounts.choices import Role
from courses.services import enrolment_create
from cpd.models import ExternalCpdEntry
from elearning.web import FORMULA_STARTS, csv_cell
from quizzes.attempts import attempt_start, attempt_submit
from scorm.selectors import scorm_placements
from scorm.services import attempt_current
from tests.accounts.factories import MemberFactory
from tests.courses.factories import course_trainer, make_course
from tests.quizzes.factories import given_answers, make_quiz, module_with_quiz, question
from tests.scorm.builders import package_12
from tests.scorm.test_attempts import cmi_12, commit, setup
from tests.workshops.factories import make_workshop
from workshops.models import Booking

pytestmark = pytest.mark.django_db

PAYLOADS = [f"{start}SUM(1+1)*cmd|' /C calc'!A0" for start in FORMULA_STARTS]


def cells(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    # newline="" keeps a carriage return inside a quoted cell as the cell's own character.
    return [cell for row in csv.reader(io.StringIO(response.content.decode(), newline="")) for cell in row]


def assert_neutralised(found: list[str]) -> None:
    for payload in PAYLOADS:
        assert payload not in found, f"{payload!r} reached the CSV as it is"
        assert "'" + payload in found, f"{payload!r} is missing from the CSV"
    assert not [cell for cell in found if cell.startswith(FORMULA_STARTS)]


def test_the_quiz_item_analysis_csv(client):
    course = make_course(modules=0)
    # Question names are trainer text (and imported files'); choice texts too.
    questions = [question("single_choice", stem=payload, answers=[(payload, "1"), ("No", "0")]) for payload in PAYLOADS]
    quiz = make_quiz(questions, attempts_allowed=0)
    module = module_with_quiz(course, quiz)
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    attempt_submit(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, {}))
    client.force_login(course_trainer(course))  # the report covers the courses a trainer runs

    assert_neutralised(cells(client.get(reverse("quizzes:analysis_csv", args=[quiz.pk]))))


def test_the_scorm_report_csv(client):
    member, module, package = setup(package_12())
    member.full_name = PAYLOADS[0]
    member.organisation = PAYLOADS[1]
    member.save()
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    cmi = cmi_12("passed", raw="85", session_time="00:10:05")
    # The package reports interactions (learner answers) as it likes: each has its row.
    cmi["interactions"] = {"0": {"id": PAYLOADS[1], "student_response": "x", "result": "correct"}}
    commit(attempt, module, 1, "i1", cmi)
    module.title = PAYLOADS[2]
    module.save_revision().publish()
    client.force_login(course_trainer(module.get_parent().specific))  # the report covers the courses a trainer runs

    found = cells(client.get(reverse("scorm_admin:report_csv", args=[package.pk])))

    for payload in PAYLOADS[:1] + PAYLOADS[2:3]:
        assert "'" + payload in found
    assert any(cell.startswith("'" + PAYLOADS[1]) for cell in found)
    assert not [cell for cell in found if cell.startswith(FORMULA_STARTS)]


def test_the_workshop_bookings_csv(client):
    workshop = make_workshop(capacity=10, starts_in=timedelta(days=10))
    trainer = MemberFactory(role=Role.TRAINER)
    workshop.trainers.add(trainer)
    for number, payload in enumerate(PAYLOADS):
        attendee = MemberFactory(full_name=payload, organisation=payload)
        Booking.objects.create(
            member=attendee, workshop=workshop, status="confirmed", access_needs=payload, dietary_needs=f"{number}"
        )
    client.force_login(trainer)

    assert_neutralised(cells(client.get(reverse("workshops:bookings_csv", args=[workshop.pk]))))


def test_the_course_report_csv(client):
    course = make_course(modules=1)
    for number, payload in enumerate(PAYLOADS):
        learner = MemberFactory(full_name=payload, email=f"payload{number}@example.org")
        enrolment_create(member=learner, course=course)
    client.force_login(course_trainer(course))

    assert_neutralised(cells(client.get(reverse("reports:course_csv", args=[course.pk]))))


def test_the_service_dashboard_csv(client):
    # Course titles are trainer text; the dashboard's enrolments table names them.
    for payload in PAYLOADS:
        enrolment_create(member=MemberFactory(), course=make_course(title=payload, modules=0))
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))

    assert_neutralised(cells(client.get(reverse("reports:figure_csv", args=["enrolments-by-course"]))))


def test_the_cpd_record_csv(client):
    member = MemberFactory()
    # Written straight to the table: the form refuses tabs and line breaks in a title, the CSV must not rely on it.
    ExternalCpdEntry.objects.bulk_create(
        ExternalCpdEntry(member=member, title=payload, note=payload, done_on=date(2025, 1, 1), hours=1)
        for payload in PAYLOADS
    )
    client.force_login(member)

    assert_neutralised(cells(client.get(reverse("cpd:record_csv"))))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_starting_like_a_formula_is_quoted_and_numbers_stay_numbers(start):
    assert csv_cell(f"{start}1") == f"'{start}1"
    assert csv_cell("Barnardo's") == "Barnardo's"
    assert csv_cell(-0.25) == -0.25
    assert csv_cell(None) == ""
