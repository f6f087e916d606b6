"""Item analysis: figures a trainer can check by hand, computed by the database."""

import csv
import io
import statistics
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.choices import Role
from courses.services import enrolment_create
from quizzes.attempts import attempt_start, attempt_submit
from quizzes.selectors import item_analysis
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course
from tests.quizzes.factories import given_answers, make_quiz, module_with_quiz, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken():
    """Four learners: both right, first only, second only, neither."""
    course = make_course(modules=0)
    easy = question("single_choice", stem="Easy", answers=[("yes", "1"), ("no", "0"), ("maybe", "0")])
    hard = question("true_false", stem="Hard", answers=[("true", "1"), ("false", "0")])
    quiz = make_quiz([easy, hard], attempts_allowed=0)
    module = module_with_quiz(course, quiz)
    plans = [("yes", "true"), ("yes", "false"), ("no", "true"), ("maybe", "false"), ("yes", "true")]
    for first, second in plans:
        member = MemberFactory()
        enrolment_create(member=member, course=course)
        attempt = attempt_start(member=member, quiz=quiz, module=module)
        attempt_submit(
            attempt_id=attempt.pk, member=member, answers=given_answers(attempt, {easy.pk: first, hard.pk: second})
        )
    return quiz, easy, hard, plans, course


def test_totals_facility_discrimination_and_choice_counts(taken):
    quiz, _easy, _hard, _plans, _course = taken
    analysis = item_analysis(quiz=quiz)

    percents = [100, 50, 50, 0, 100]
    assert analysis.attempts == 5
    assert analysis.mean == Decimal(60)
    assert analysis.median == Decimal(50)
    assert analysis.stdev in {
        Decimal(str(round(statistics.pstdev(percents), 2))),
        Decimal(str(round(statistics.stdev(percents), 2))),
    }
    by_stem = {item.label: item for item in analysis.questions}
    assert by_stem["Easy"].facility == Decimal("60.0")
    assert by_stem["Hard"].facility == Decimal("60.0")
    easy_scores = [1, 1, 0, 0, 1]
    expected = statistics.correlation(easy_scores, percents)
    assert by_stem["Easy"].discrimination == Decimal(str(round(expected, 2)))
    picked = {choice.text: choice.picked for choice in by_stem["Easy"].choices}
    assert picked == {"yes": 3, "no": 1, "maybe": 1}
    assert {choice.text: choice.picked for choice in by_stem["Hard"].choices} == {"true": 3, "false": 2}


def test_item_analysis_costs_the_same_queries_however_many_attempts(taken, django_assert_num_queries):
    quiz, *_ = taken
    with django_assert_num_queries(6):
        item_analysis(quiz=quiz)


def test_trainers_download_the_csv_and_learners_cannot(client, taken):
    quiz, *_, course = taken
    client.force_login(MemberFactory())
    assert client.get(reverse("quizzes:analysis", args=[quiz.pk])).status_code == 404
    assert client.get(reverse("quizzes:analysis_csv", args=[quiz.pk])).status_code == 404

    # A trainer who does not run the course sees none of its learners' attempts.
    client.force_login(MemberFactory(role=Role.TRAINER))
    rows = list(csv.reader(io.StringIO(client.get(reverse("quizzes:analysis_csv", args=[quiz.pk])).content.decode())))
    assert rows[0][:2] == ["attempts", "0"]

    trainer = MemberFactory(role=Role.TRAINER)
    course.trainers.add(trainer)
    course.save()  # a parental relation is written when the page is saved
    client.force_login(trainer)
    page = client.get(reverse("quizzes:analysis", args=[quiz.pk]))
    assert "Facility index" in page.content.decode()
    download = client.get(reverse("quizzes:analysis_csv", args=[quiz.pk]))
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][:2] == ["attempts", "5"]
    assert rows[2][:4] == ["Easy", "Single choice", "5", "60.0"]
    assert ["", "", "", "", "", "yes", "3"] in rows
