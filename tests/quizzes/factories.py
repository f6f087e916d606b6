"""Builders for questions of every kind, quizzes, and modules that hold them."""

import uuid
from decimal import Decimal
from typing import Any

from courses.models import CoursePage, ModulePage
from quizzes.models import Answer, MatchPair, Question, QuestionCategory, Quiz, QuizQuestion
from tests.courses.factories import add_module, text_block

MARKER = "SECRET-ANSWER-KEY-7f3a"


def category(name: str = "Facts") -> QuestionCategory:
    return QuestionCategory.objects.get_or_create(name=name, parent=None)[0]


def question(
    kind: str,
    *,
    stem: str = "A question?",
    answers: list[tuple[str, str]] = (),  # type: ignore[assignment]
    pairs: list[tuple[str, str]] = (),  # type: ignore[assignment]
    feedback: list[str] | None = None,
    tolerance: list[str | None] | None = None,
    in_category: QuestionCategory | None = None,
    general_feedback: str = "",
    mark: str = "1",
    shuffle: bool = True,
) -> Question:
    q = Question.objects.create(
        category=in_category or category(),
        kind=kind,
        stem=stem,
        general_feedback=general_feedback,
        default_mark=Decimal(mark),
        shuffle_answers=shuffle,
    )
    for order, (text, fraction) in enumerate(answers):
        Answer.objects.create(
            question=q,
            order=order,
            text=text,
            fraction=Decimal(fraction),
            feedback=(feedback or [""] * len(answers))[order],
            tolerance=Decimal(tolerance[order]) if tolerance and tolerance[order] is not None else None,
        )
    for order, (left, right) in enumerate(pairs):
        MatchPair.objects.create(question=q, order=order, left=left, right=right)
    return q


def one_of_each(*, in_category: QuestionCategory | None = None, feedback_marker: str = "") -> list[Question]:
    """A question of every kind, right answers' feedback (and general feedback) carrying the marker."""
    m = feedback_marker
    return [
        question(
            "single_choice",
            stem="How many children a year see a parent go to prison?",
            answers=[("200,000", "1"), ("2,000", "0"), ("20,000", "0")],
            feedback=[f"Right {m}", "No", "No"],
            general_feedback=f"About 200,000 {m}",
            in_category=in_category,
        ),
        question(
            "multiple_response",
            stem="Which are true?",
            answers=[
                ("Twice as likely to have mental health problems", "0.5"),
                ("Half as likely", "-1"),
                ("Often hidden", "0.5"),
            ],
            feedback=[f"Yes {m}", "No", f"Yes {m}"],
            in_category=in_category,
        ),
        question(
            "true_false",
            stem="Children are often told the truth.",
            answers=[("true", "0"), ("false", "1")],
            feedback=["No", f"Right {m}"],
            in_category=in_category,
        ),
        question(
            "matching",
            stem="Match the stage.",
            pairs=[("Arrest", "Police"), ("Court", "Judge"), ("", "Plumber")],
            general_feedback=f"Stages {m}",
            in_category=in_category,
        ),
        question(
            "short_answer",
            stem="Which charity runs i-HOP with POPS?",
            answers=[("Barnardo*", "1")],
            feedback=[f"Yes {m}"],
            in_category=in_category,
        ),
        question(
            "numerical",
            stem="How many times more likely are mental health problems?",
            answers=[("2", "1")],
            tolerance=["0.1"],
            feedback=[f"Twice {m}"],
            in_category=in_category,
        ),
        question(
            "essay", stem="Describe what helps.", general_feedback=f"Think about school {m}", in_category=in_category
        ),
    ]


def make_quiz(questions: list[Question], **fields: Any) -> Quiz:
    fields.setdefault("title", "Knowledge check")
    fields.setdefault("shuffle_choices", False)
    quiz = Quiz.objects.create(**fields)
    for order, q in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=q, order=order)
    return quiz


def quiz_block(quiz: Quiz, *, required: bool = True) -> dict[str, Any]:
    return {"type": "quiz", "value": {"quiz": quiz.pk, "required": required}, "id": str(uuid.uuid4())}


def module_with_quiz(course: CoursePage, quiz: Quiz, *, required: bool = True, title: str = "Facts") -> ModulePage:
    return add_module(
        course, title=title, stage="facts", body=[text_block("Facts"), quiz_block(quiz, required=required)]
    )


def answer_form(attempt, answers: dict[int, Any]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Form data for an attempt: answers keyed by question id. Choice answers are
    answer texts (looked up to ids), matching a {left: right} dict, others text."""
    data: dict[str, Any] = {}
    for response in attempt.responses.select_related("question").prefetch_related(
        "question__answers", "question__match_pairs"
    ):
        given = answers.get(response.question_id)
        if given is None:
            continue
        field = f"q{response.slot}"
        q = response.question
        if q.kind in ("single_choice", "multiple_response", "true_false"):
            texts = given if isinstance(given, list) else [given]
            data[field] = [str(a.pk) for a in q.answers.all() if a.text in texts]
        elif q.kind == "matching":
            for pair in q.match_pairs.all():
                if pair.left in given:
                    data[f"{field}-{pair.pk}"] = given[pair.left]
        else:
            data[field] = given
    return data


def read_answers(attempt, data: dict[str, Any]) -> dict[int, Any]:  # type: ignore[no-untyped-def]
    """Form data read by the attempt page's form, as the views read it: typed answers by slot."""
    from quizzes.forms import AttemptAnswersForm
    from quizzes.selectors import attempt_answer_layout

    form = AttemptAnswersForm(data, responses=attempt_answer_layout(attempt_id=attempt.pk, member=attempt.member))
    assert form.is_valid(), form.errors
    return form.answers()


def given_answers(attempt, answers: dict[int, Any]) -> dict[int, Any]:  # type: ignore[no-untyped-def]
    """answer_form's answers as the services take them."""
    return read_answers(attempt, answer_form(attempt, answers))


def right_answers_form(attempt) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Form data that answers every question of an attempt with full marks (essays aside)."""
    data: dict[str, Any] = {}
    for response in attempt.responses.select_related("question").prefetch_related(
        "question__answers", "question__match_pairs"
    ):
        q, field = response.question, f"q{response.slot}"
        answers = list(q.answers.all())
        if q.kind in ("single_choice", "true_false"):
            data[field] = [str(max(answers, key=lambda a: a.fraction).pk)]
        elif q.kind == "multiple_response":
            data[field] = [str(a.pk) for a in answers if a.fraction > 0]
        elif q.kind == "matching":
            for pair in q.match_pairs.all():
                if pair.left:
                    data[f"{field}-{pair.pk}"] = pair.right
        elif q.kind in ("short_answer", "numerical"):
            data[field] = max(answers, key=lambda a: a.fraction).text.replace("*", "")
    return data


def demo_quiz_pass(member) -> None:  # type: ignore[no-untyped-def]
    """Pass the demo course's knowledge check for an enrolled member (for tests that walk the demo course):
    this completes its module, as passing in the browser would."""
    from courses.models import ModulePage
    from demo.knowledge_checks import MODULE_SLUG, QUIZ_TITLE
    from quizzes.attempts import attempt_start, attempt_submit

    module = ModulePage.objects.get(slug=MODULE_SLUG)
    attempt = attempt_start(member=member, quiz=Quiz.objects.get(title=QUIZ_TITLE), module=module)
    attempt_submit(attempt_id=attempt.pk, member=member, answers=read_answers(attempt, right_answers_form(attempt)))
