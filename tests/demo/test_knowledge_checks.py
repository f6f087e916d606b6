"""The demo course's knowledge check."""

import pytest
from django.core.management import call_command

from courses.models import ModulePage
from quizzes.blocks import quiz_placements
from quizzes.models import Quiz

pytestmark = pytest.mark.django_db


def test_seed_demo_places_a_required_knowledge_check_and_stays_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    quiz = Quiz.objects.get(title="Facts and figures: knowledge check")
    questions = quiz.quiz_questions.select_related("question")
    assert questions.count() >= 6
    assert all(link.question.general_feedback.startswith("Source: ") for link in questions)
    module = ModulePage.objects.get(slug="facts-and-figures")
    placements = quiz_placements(module)
    assert [(p.quiz_id, p.required) for p in placements] == [(quiz.pk, True)]
    assert module.live and not module.has_unpublished_changes


def test_every_demo_question_can_be_answered_for_full_marks_and_passing_completes_the_module(settings):
    from accounts.models import User
    from courses.models import CoursePage, ModuleProgress
    from courses.services import enrolment_create
    from quizzes.models import Attempt
    from tests.quizzes.factories import demo_quiz_pass

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    learner = User.objects.get(email="learner@example.org")
    enrolment_create(
        member=learner, course=CoursePage.objects.get(slug="supporting-children-and-families-of-prisoners")
    )

    demo_quiz_pass(learner)

    attempt = Attempt.objects.get(member=learner)
    wrong = [
        (r.question.name, r.text, r.matches) for r in attempt.responses.select_related("question") if r.fraction != 1
    ]
    assert wrong == []
    assert attempt.percent == 100 and attempt.passed
    assert ModuleProgress.objects.get(enrolment__member=learner, module__slug="facts-and-figures").completed_at
