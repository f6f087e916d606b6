"""Attempts under real concurrency: parallel HTTP requests to a live server on
PostgreSQL. Each test has a control that switches the row locks off (with a
pause inside the critical section) to show the race is real and visible."""

from collections import Counter
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import ModuleProgress
from courses.services import enrolment_create
from quizzes.models import Attempt, QuizGrade, Response
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course
from tests.http import CSRF, all_at_once, signed_in_session
from tests.quizzes.factories import answer_form, make_quiz, module_with_quiz, question

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BURST = 20


@pytest.fixture
def placed():
    course = make_course(modules=0)
    questions = [question("single_choice", stem=f"Q{n}", answers=[("right", "1"), ("wrong", "0")]) for n in range(5)]
    quiz = make_quiz(questions, attempts_allowed=2)
    module = module_with_quiz(course, quiz)
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    return module, quiz, questions, member


def start_burst(base: str, module, quiz, member) -> list[int]:
    url = base + reverse("quizzes:start", args=[module.pk, quiz.pk])
    sessions = [signed_in_session(member) for _ in range(BURST)]
    return all_at_once(
        [
            lambda s=s: s.post(url, data={"csrfmiddlewaretoken": CSRF}, allow_redirects=False, timeout=60).status_code
            for s in sessions
        ]
    )


def submit_burst(base: str, attempt, data) -> list[int]:
    url = base + reverse("quizzes:submit", args=[attempt.pk])
    sessions = [signed_in_session(attempt.member) for _ in range(BURST)]
    body = {**data, "csrfmiddlewaretoken": CSRF}
    return all_at_once(
        [lambda s=s: s.post(url, data=body, allow_redirects=False, timeout=60).status_code for s in sessions]
    )


def test_twenty_concurrent_starts_make_one_attempt_and_the_limit_holds(burst_server, placed):
    module, quiz, _questions, member = placed

    statuses = start_burst(burst_server, module, quiz, member)

    assert statuses == [302] * BURST
    assert Attempt.objects.filter(member=member).count() == 1  # every request resumed the one attempt
    attempt = Attempt.objects.get(member=member)
    assert Response.objects.filter(attempt=attempt).count() == 5

    # Submit it, burst again: one second attempt. Submit that: the limit of two holds against a third burst.
    submit_burst(burst_server, attempt, {})
    assert start_burst(burst_server, module, quiz, member) == [302] * BURST
    assert Attempt.objects.filter(member=member).count() == 2
    submit_burst(burst_server, Attempt.objects.get(member=member, number=2), {})
    assert start_burst(burst_server, module, quiz, member) == [302] * BURST
    assert Attempt.objects.filter(member=member).count() == 2
    assert set(Attempt.objects.filter(member=member).values_list("state", flat=True)) == {"finished"}


def test_twenty_concurrent_submissions_grade_once(burst_server, placed):
    module, quiz, questions, member = placed
    client = Client()
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    data = answer_form(attempt, {q.pk: "right" for q in questions})

    statuses = submit_burst(burst_server, attempt, data)

    assert statuses == [302] * BURST
    attempt.refresh_from_db()
    assert attempt.state == "finished" and attempt.percent == Decimal(100)
    assert Counter(Response.objects.filter(attempt=attempt).values_list("mark", flat=True)) == {Decimal(1): 5}
    assert QuizGrade.objects.get(member=member).percent == Decimal(100)
    assert ModuleProgress.objects.filter(module=module, completed_at__isnull=False).count() == 1


def test_control_without_the_locks_concurrent_starts_collide(burst_server, placed, settings):
    settings.QUIZZES_ATTEMPT_LOCK = False
    settings.QUIZZES_TEST_PAUSE_SECONDS = 1.0
    module, quiz, _, member = placed
    # The grade row exists (as after a first visit): otherwise inserting it would itself queue the requests.
    QuizGrade.objects.create(member=member, quiz=quiz, module=module)

    statuses = start_burst(burst_server, module, quiz, member)

    # Without the lock every request thinks it is first: all but one crash on the attempt-number constraint.
    assert statuses.count(500) > 0


def test_control_without_the_locks_concurrent_submissions_collide(burst_server, placed, settings):
    module, quiz, questions, member = placed
    client = Client()
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    data = answer_form(attempt, {q.pk: "right" for q in questions})
    settings.QUIZZES_ATTEMPT_LOCK = False
    settings.QUIZZES_TEST_PAUSE_SECONDS = 1.0

    statuses = submit_burst(burst_server, attempt, data)

    # Without the lock several requests grade the same attempt at once and trip over each other's answers.
    assert statuses.count(500) > 0
