"""A learner's attempts at a placed quiz: start, save, submit, grading (by the server,
and a trainer's marks), and submitting what ran out of time. Each write owns its
transaction; answers arrive typed (`GivenAnswer`, from quizzes.forms), never as POST data."""

import json
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Subquery
from django.utils import timezone

from accounts.models import User
from courses.api import ModulePage, member_enrolled, module_complete_unless_held
from quizzes.blocks import quiz_placements
from quizzes.formats import QuestionKind
from quizzes.models import Attempt, Question, Quiz, QuizGrade, Response, ResponseChoice
from quizzes.scoring import Key, Pair, grade_across, score
from quizzes.selectors import attempt_visible_to


class QuizError(Exception):
    """A learner or trainer action that cannot be done; the message is shown to them."""


CHOICE_KINDS = {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_RESPONSE, Question.Kind.TRUE_FALSE}
TEXT_KINDS = {Question.Kind.SHORT_ANSWER, Question.Kind.NUMERICAL, Question.Kind.ESSAY}
MAX_TEXT_ANSWER = 20_000


@dataclass(frozen=True)
class GivenAnswer:
    """What the learner gave for one question (by its slot on the attempt), already kept to
    what the attempt's frozen layout offers: the choices ticked (answer ids), the text typed,
    the right-hand option picked for each matching pair (by pair id)."""

    picked: tuple[int, ...] = ()
    text: str = ""
    matches: Mapping[str, str] = field(default_factory=dict)


NO_ANSWER = GivenAnswer()


def _grade_locked(*, member: User, quiz: Quiz, module: ModulePage) -> QuizGrade:
    """The member's grade row for this placed quiz, created if need be and row-locked."""
    QuizGrade.objects.get_or_create(member=member, quiz=quiz, module=module)
    return _for_update(QuizGrade.objects).get(member=member, quiz=quiz, module=module)


def _for_update(queryset: Any) -> Any:
    """Row-lock what the query reads; the concurrency tests' control runs switch
    this off (QUIZZES_ATTEMPT_LOCK = False) to show the race the lock prevents."""
    if getattr(settings, "QUIZZES_ATTEMPT_LOCK", True):
        return queryset.select_for_update(of=("self",))
    return queryset


def _layout_for(question: Question, *, shuffle: bool, rng: random.Random) -> Any:
    answers = list(question.answers.all())
    if question.kind in CHOICE_KINDS:
        ids = [answer.pk for answer in answers]
        if shuffle and question.shuffle_answers and question.kind != Question.Kind.TRUE_FALSE:
            rng.shuffle(ids)
        return ids
    if question.kind == Question.Kind.MATCHING:
        pairs = list(question.match_pairs.all())
        left = [pair.pk for pair in pairs if pair.left.strip()]
        right = sorted({pair.right.strip() for pair in pairs})
        # The right-hand options are always shuffled: in the trainer's order they would line up with the questions.
        rng.shuffle(right)
        if shuffle and question.shuffle_answers:
            rng.shuffle(left)
        return {"left": left, "right": right}
    return []


@transaction.atomic
def attempt_start(*, member: User, quiz: Quiz, module: ModulePage) -> Attempt:
    """Start an attempt on a quiz placed in a module, or return the one in progress
    (so a learner who closed the browser carries on where they were).

    The question set, its order and each question's choice order are frozen on
    the attempt's response rows. Raises QuizError when the member is not
    enrolled, the quiz is not in this live module, it has closed, or no attempts
    are left. Serialised per member and placed quiz by the grade row's lock, so
    concurrent starts cannot exceed the attempt limit."""
    if not module.live or all(placement.quiz_id != quiz.pk for placement in quiz_placements(module)):
        raise QuizError("This quiz is not available.")
    if not member_enrolled(member=member, module=module):
        raise QuizError("Enrol on this course to take its quizzes.")
    grade = _grade_locked(member=member, quiz=quiz, module=module)
    current = Attempt.objects.filter(member=member, quiz=quiz, module=module, state=Attempt.State.IN_PROGRESS).first()
    if current is not None:
        if not _overdue(current):
            return current
        _attempt_grade(attempt=current, grade=grade, timed_out=True)
    now = timezone.now()
    if quiz.closes_at is not None and now >= quiz.closes_at:
        raise QuizError("This quiz has closed.")
    taken = Attempt.objects.filter(member=member, quiz=quiz, module=module).count()
    if quiz.attempts_allowed and taken >= quiz.attempts_allowed:
        raise QuizError(f"You have used all {quiz.attempts_allowed} attempt(s) allowed on this quiz.")

    chosen = [
        link.question
        for link in quiz.quiz_questions.select_related("question").prefetch_related(
            "question__answers", "question__match_pairs"
        )
    ]
    if quiz.random_category_id and quiz.random_count:
        drawn = list(
            Question.objects.filter(category_id=quiz.random_category_id)
            .exclude(pk__in=[question.pk for question in chosen])
            .exclude(kind=Question.Kind.DESCRIPTION)
            .order_by("?")[: quiz.random_count]
            .prefetch_related("answers", "match_pairs")
        )
        chosen += drawn
    if not chosen:
        raise QuizError("This quiz has no questions yet.")
    rng = random.SystemRandom()
    if quiz.shuffle_questions:
        rng.shuffle(chosen)

    _pause_for_tests("start")  # between counting and writing: the window the lock closes
    attempt = Attempt.objects.create(
        member=member,
        quiz=quiz,
        module=module,
        number=taken + 1,
        started_at=now,
        deadline=now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
        max_marks=sum((question.default_mark for question in chosen), Decimal(0)),
    )
    Response.objects.bulk_create(
        Response(
            attempt=attempt,
            slot=slot,
            question=question,
            max_mark=question.default_mark if question.kind != Question.Kind.DESCRIPTION else Decimal(0),
            layout=_layout_for(question, shuffle=quiz.shuffle_choices, rng=rng),
        )
        for slot, question in enumerate(chosen, start=1)
    )
    return attempt


def _overdue(attempt: Attempt) -> bool:
    return attempt.deadline is not None and timezone.now() > attempt.deadline


def _pause_for_tests(step: str) -> None:
    """A pause inside the lock, switched on only by the concurrency tests' control runs."""
    pause = getattr(settings, "QUIZZES_TEST_PAUSE_SECONDS", 0.0)
    if pause:
        time.sleep(pause)


def _responses_for_grading(attempt: Attempt, *, with_choices: bool = True) -> list[Response]:
    """The attempt's responses with their questions' keys; their ticked choices
    too, unless the caller is about to replace them."""
    lookups = ["question__answers", "question__match_pairs"] + (["choices"] if with_choices else [])
    return list(attempt.responses.select_related("question").prefetch_related(*lookups).order_by("slot"))


def _store_answers(responses: list[Response], answers: Mapping[int, GivenAnswer], *, write: bool = True) -> None:
    """Replace the answers of an attempt (`responses` are all of its rows) with these (a slot
    left out is unanswered), in a fixed number of queries (with write=False the response rows
    are left for the caller to write)."""
    choices: list[ResponseChoice] = []
    for response in responses:
        given = answers.get(response.slot, NO_ANSWER)
        picked = sorted(set(given.picked))
        response.text = given.text
        response.matches = dict(given.matches)
        response.answered = bool(picked or given.text.strip() or given.matches)
        response._picked = picked  # type: ignore[attr-defined]  # read by grading in the same request
        choices.extend(ResponseChoice(response=response, answer_id=answer_id) for answer_id in picked)
    # By response id, one DELETE on the (response, answer) index: no join, and no SELECT first.
    ResponseChoice.objects.filter(response_id__in=[response.pk for response in responses]).delete()
    if choices:
        ResponseChoice.objects.bulk_create(choices)
    if write:
        _responses_write(responses, ANSWER_FIELDS)


ANSWER_FIELDS = ("text", "matches", "answered")
MARK_FIELDS = ("fraction", "mark", "needs_grading")
_PG_CASTS = {
    "matches": "::jsonb",
    "fraction": "::numeric",
    "mark": "::numeric",
    "answered": "::boolean",
    "needs_grading": "::boolean",
    "text": "::text",
}


def _responses_write(responses: list[Response], fields: Sequence[str]) -> None:
    """Write these fields of many responses in one UPDATE. On PostgreSQL an
    UPDATE ... FROM (VALUES ...), which costs a fraction of the CPU of Django's
    bulk_update (a CASE per field per row); elsewhere bulk_update."""
    if not responses:
        return
    if connection.vendor != "postgresql":
        Response.objects.bulk_update(responses, list(fields))
        return
    if not set(fields) <= set(_PG_CASTS):
        raise ValueError(f"unknown response fields: {sorted(set(fields) - set(_PG_CASTS))}")
    columns = ", ".join(f"{name} = v.{name}{_PG_CASTS[name]}" for name in fields)
    row = "(" + ", ".join(["%s::bigint"] + ["%s"] * len(fields)) + ")"
    params: list[Any] = []
    for response in responses:
        params.append(response.pk)
        for name in fields:
            value = getattr(response, name)
            params.append(json.dumps(value) if name == "matches" else value)
    table = Response._meta.db_table
    sql = (
        # Names come from our own constants (checked below); every value is a bound parameter.
        f"UPDATE {table} AS r SET {columns} FROM (VALUES {', '.join([row] * len(responses))}) "  # noqa: S608
        f"AS v(id, {', '.join(fields)}) WHERE r.id = v.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@transaction.atomic
def attempt_save(*, attempt_id: int, member: User, answers: Mapping[int, GivenAnswer]) -> Attempt:
    """Save the learner's answers so far (all of them each time). An attempt
    past its time limit is submitted instead, with what it had saved before,
    and comes back with `timed_out` set. Raises QuizError for an attempt that
    is no longer in progress or not the member's."""
    grade, attempt = _locked(attempt_id=attempt_id, member=member)
    if attempt.state != Attempt.State.IN_PROGRESS:
        raise QuizError("This attempt has been submitted; your answers can no longer change.")
    if _overdue(attempt):
        # Raising here would roll the submission back: the caller sees `timed_out` instead.
        _attempt_grade(attempt=attempt, grade=grade, timed_out=True)
        return attempt
    _store_answers(_responses_for_grading(attempt, with_choices=False), answers)
    return attempt


def _locked(*, attempt_id: int, member: User) -> tuple[QuizGrade, Attempt]:
    """The member's grade row and the attempt, both row-locked, always in that
    order (as starts lock the grade), so two requests never wait on each other in a circle."""
    # One query finds and locks the grade row through the attempt (a start always created it).
    owned = Attempt.objects.filter(pk=attempt_id, member=member)
    grade = (
        _for_update(QuizGrade.objects)
        .filter(
            member=member,
            quiz_id=Subquery(owned.values("quiz_id")[:1]),
            module_id=Subquery(owned.values("module_id")[:1]),
        )
        .first()
    )
    if grade is None:
        raise QuizError("That attempt does not exist.")
    attempt = _for_update(Attempt.objects.select_related("quiz")).get(pk=attempt_id)
    return grade, attempt


@transaction.atomic
def attempt_submit(
    *, attempt_id: int, member: User, answers: Mapping[int, GivenAnswer] | None = None, timed_out: bool = False
) -> Attempt:
    """Submit an attempt (saving `answers` first, when given and in time), mark every
    question on the server, and update the member's grade on the quiz.

    Grades once: the attempt's row lock and state make a second (or a twentieth
    concurrent) submission return the already graded attempt. An attempt past
    its deadline is submitted with what was saved before it, and marked timed out.
    Passing the quiz completes the module through courses when nothing else
    holds it open. Queries: a fixed number, whatever the number of questions."""
    grade, attempt = _locked(attempt_id=attempt_id, member=member)
    if attempt.state != Attempt.State.IN_PROGRESS:
        return attempt
    _pause_for_tests("submit")  # between reading the state and grading: the window the lock closes
    late = timed_out or _overdue(attempt)
    replacing = answers is not None and not late
    responses = _responses_for_grading(attempt, with_choices=not replacing)
    fields: tuple[str, ...] = ()
    if answers is not None and not late:
        _store_answers(responses, answers, write=False)
        fields = ANSWER_FIELDS
    _attempt_grade(attempt=attempt, grade=grade, timed_out=late, responses=responses, also_write=fields)
    return attempt


def _keys(question: Question) -> list[Key]:
    return [Key(answer.pk, answer.text, answer.fraction, answer.tolerance) for answer in question.answers.all()]


def _attempt_grade(
    *,
    attempt: Attempt,
    grade: QuizGrade,
    timed_out: bool,
    responses: list[Response] | None = None,
    also_write: Sequence[str] = (),
) -> None:
    """Mark every response, close the attempt and regrade. Caller holds the grade's lock."""
    if responses is None:
        responses = _responses_for_grading(attempt)
    for response in responses:
        question = response.question
        picked = getattr(response, "_picked", None)
        chosen = set(picked) if picked is not None else {choice.answer_id for choice in response.choices.all()}
        fraction = score(
            QuestionKind(question.kind),
            keys=_keys(question),
            pairs=[Pair(pair.pk, pair.left, pair.right) for pair in question.match_pairs.all()],
            chosen=chosen,
            text=response.text,
            matches=response.matches,
            case_sensitive=question.case_sensitive,
        )
        response.needs_grading = fraction is None
        response.fraction = fraction
        response.mark = None if fraction is None else (fraction * response.max_mark).quantize(Decimal("0.0000001"))
    _responses_write(responses, (*also_write, *MARK_FIELDS))
    attempt.submitted_at = timezone.now()
    attempt.timed_out = timed_out
    _attempt_total(attempt, responses)
    attempt.save(update_fields=["submitted_at", "timed_out", "state", "marks", "percent", "passed"])
    _grade_update(grade=grade, quiz=attempt.quiz)


def _attempt_total(attempt: Attempt, responses: list[Response]) -> None:
    if any(response.needs_grading for response in responses):
        attempt.state = Attempt.State.NEEDS_GRADING
        attempt.marks = attempt.percent = attempt.passed = None
        return
    attempt.state = Attempt.State.FINISHED
    attempt.marks = sum((response.mark or Decimal(0) for response in responses), Decimal(0))
    attempt.percent = (
        (attempt.marks * 100 / attempt.max_marks).quantize(Decimal("0.01")) if attempt.max_marks else Decimal(100)
    )
    attempt.passed = attempt.percent >= attempt.quiz.pass_mark


def _grade_update(*, grade: QuizGrade, quiz: Quiz) -> None:
    """The grade across finished attempts; passing completes the module when nothing else holds it."""
    percents = list(
        Attempt.objects.filter(
            member_id=grade.member_id, quiz_id=grade.quiz_id, module_id=grade.module_id, state=Attempt.State.FINISHED
        )
        .order_by("number")
        .values_list("percent", flat=True)
    )
    grade.percent = grade_across(quiz.grading, [percent for percent in percents if percent is not None])
    was_passed = grade.passed
    grade.passed = grade.percent is not None and grade.percent >= quiz.pass_mark
    if grade.passed and not was_passed:
        grade.passed_at = timezone.now()
    grade.save(update_fields=["percent", "passed", "passed_at"])
    if grade.passed and not was_passed:
        # Another required activity in the module may still hold it: that one completes it later.
        module_complete_unless_held(member=grade.member, module=grade.module)


@transaction.atomic
def response_mark(*, response_id: int, marker: User, fraction: Decimal, comment: str = "") -> Response:
    """A trainer marks an essay (or overrides any mark) with a fraction 0..1 of
    its mark; when no response of the attempt awaits marking the attempt is
    finished and the member's grade recomputed. Raises QuizError for a fraction
    outside 0..1, or an attempt still in progress, or one the marker may not see."""
    response = (
        Response.objects.select_related("attempt", "attempt__quiz", "attempt__module").filter(pk=response_id).first()
    )
    if (
        response is None
        or not attempt_visible_to(attempt=response.attempt, user=marker)
        or marker.pk == response.attempt.member_id
    ):
        raise QuizError("That answer does not exist.")
    if not (Decimal(0) <= fraction <= Decimal(1)):
        raise QuizError("Give a mark between 0 and the question's full mark.")
    attempt = response.attempt
    grade, attempt = _locked(attempt_id=attempt.pk, member=attempt.member)
    if attempt.state == Attempt.State.IN_PROGRESS:
        raise QuizError("This attempt has not been submitted yet.")
    response.fraction = fraction
    response.mark = (fraction * response.max_mark).quantize(Decimal("0.0000001"))
    response.needs_grading = False
    response.trainer_comment = comment.strip()
    response.save(update_fields=["fraction", "mark", "needs_grading", "trainer_comment"])
    _attempt_total(attempt, list(attempt.responses.all()))
    attempt.save(update_fields=["state", "marks", "percent", "passed"])
    _grade_update(grade=grade, quiz=attempt.quiz)
    return response


def attempts_overdue_submit() -> int:
    """Submit every attempt whose time limit has passed (abandoned ones): the beat task calls this. Returns how many."""
    count = 0
    for attempt_id, member_id in Attempt.objects.filter(
        state=Attempt.State.IN_PROGRESS, deadline__lt=timezone.now()
    ).values_list("pk", "member_id"):
        member = User.objects.get(pk=member_id)
        attempt_submit(attempt_id=attempt_id, member=member, timed_out=True)
        count += 1
    return count
