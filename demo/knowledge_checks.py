"""The demo course's knowledge checks (demo/knowledge_check_content.py): one per
module, placed at the end of its module, required where the content says so.
Idempotent: a quiz is found by its title, and placed only where it is not yet.
"""

import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction

from courses.models import CoursePage, ModulePage
from demo.course_content import COURSE
from demo.knowledge_check_content import PASS_BANDS, QUIZZES
from quizzes.bank import category_get_or_create_path
from quizzes.blocks import quiz_placements
from quizzes.models import Answer, FeedbackBand, Question, Quiz, QuizQuestion

CATEGORY_ROOT = "Demo course"
# The facts check: the bench and the tests that walk the demo course use it.
MODULE_SLUG = "facts-and-figures"
QUIZ_TITLE = "Facts and figures: knowledge check"
PASS_MARK = Decimal(70)


def _general_feedback(spec: dict[str, Any]) -> str:
    return f"Source: {spec['source']}."


def _question_create(*, spec: dict[str, Any], category: Any) -> Question:
    question = Question.objects.create(
        category=category,
        kind=spec["kind"],
        name=spec["name"],
        stem=spec["stem"],
        stem_format=Question.TextFormatChoice.PLAIN,
        source=spec["source"],
        general_feedback=_general_feedback(spec),
    )
    for position, answer in enumerate(spec["answers"]):
        Answer.objects.create(
            question=question,
            order=position,
            text=answer[0],
            fraction=Decimal(str(answer[1])),
            feedback=answer[2],
            tolerance=Decimal(answer[3]) if len(answer) > 3 else None,
        )
    return question


def _quiz_create(spec: dict[str, Any]) -> Quiz:
    category = category_get_or_create_path(path=(CATEGORY_ROOT, spec["title"].split(":")[0]))
    quiz = Quiz.objects.create(
        title=spec["title"],
        intro=spec["intro"],
        pass_mark=PASS_MARK,
        shuffle_questions=True,
        review_right_answers_after_submit=True,
    )
    for order, question_spec in enumerate(spec["questions"]):
        question = _question_create(spec=question_spec, category=category)
        QuizQuestion.objects.create(quiz=quiz, question=question, order=order)
    for order, (minimum, text) in enumerate(PASS_BANDS):
        FeedbackBand.objects.create(quiz=quiz, order=order, min_percent=Decimal(minimum), text=text)
    return quiz


def _quiz_place(*, quiz: Quiz, module: ModulePage, required: bool) -> None:
    if any(placement.quiz_id == quiz.pk for placement in quiz_placements(module)):
        return
    block = {
        "type": "quiz",
        "value": {"quiz": quiz.pk, "required": required},
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{module.slug}/quiz")),
    }
    module.body = [*module.body.raw_data, block]
    module.save_revision().publish()


@transaction.atomic
def demo_quizzes_seed() -> list[Quiz]:
    """Each module's knowledge check, created once and placed at the end of its module."""
    quizzes = []
    course = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    if course is None:
        return []
    modules = {module.slug: module for module in ModulePage.objects.child_of(course)}
    for spec in QUIZZES:
        module = modules.get(spec["module"])
        if module is None:
            continue
        quiz = Quiz.objects.filter(title=spec["title"]).first() or _quiz_create(spec)
        _quiz_place(quiz=quiz, module=module, required=spec["required"])
        quizzes.append(quiz)
    return quizzes
