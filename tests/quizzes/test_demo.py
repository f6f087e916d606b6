"""The demo course's knowledge check."""

import pytest
from django.core.management import call_command

from courses.models import ModulePage
from quizzes.models import Quiz
from quizzes.services import quiz_placements

pytestmark = pytest.mark.django_db


def test_seed_demo_places_a_required_knowledge_check_and_stays_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    quiz = Quiz.objects.get()
    questions = quiz.quiz_questions.select_related("question")
    assert questions.count() >= 12
    assert all(link.question.general_feedback.startswith("Source: ") for link in questions)
    module = ModulePage.objects.get(slug="facts-and-figures")
    placements = quiz_placements(module)
    assert [(p.quiz_id, p.required) for p in placements] == [(quiz.pk, True)]
    assert module.live and not module.has_unpublished_changes
