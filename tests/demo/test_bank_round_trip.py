"""The demo question bank survives export to GIFT and Moodle XML and import again."""

import pytest
from django.core.management import call_command

from demo.knowledge_checks import CATEGORY_ROOT
from quizzes.bank import (
    GIFT,
    MOODLE_XML,
    category_get_or_create_path,
    question_to_parsed,
    questions_export,
    questions_import,
    questions_in_category,
    questions_parse,
)
from quizzes.models import QuestionCategory

pytestmark = pytest.mark.django_db


def bank(category: QuestionCategory) -> list:
    return [question_to_parsed(question, root=category) for question in questions_in_category(category=category)]


@pytest.mark.parametrize("format", [GIFT, MOODLE_XML])
def test_exporting_the_demo_bank_and_importing_it_again_gives_the_same_questions(format):
    call_command("seed_demo", allow_production=True)
    demo = QuestionCategory.objects.get(name=CATEGORY_ROOT, parent=None)
    original = bank(demo)
    assert len(original) >= 24

    exported = questions_export(category=demo, format=format)
    data = exported.encode("utf-8") if isinstance(exported, str) else exported
    parsed = questions_parse(data=data, format=format)
    assert parsed == original

    copy = category_get_or_create_path(path=("Round trip", format))
    questions_import(parsed=parsed, category=copy)
    assert bank(copy) == original
