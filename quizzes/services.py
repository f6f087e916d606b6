"""Writes to the question bank. Each function owns its transaction."""

import json
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Subquery
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_staff_member
from courses.permissions import runs_course_at
from quizzes.formats import FormatError, ParsedQuestion, QuestionKind, parse_gift, parse_moodle_xml
from quizzes.models import (
    Answer,
    Attempt,
    MatchPair,
    Question,
    QuestionCategory,
    Quiz,
    QuizGrade,
    Response,
    ResponseChoice,
)
from quizzes.scoring import Key, Pair, grade_across, score

if TYPE_CHECKING:
    from courses.models import ModulePage

GIFT = "gift"
MOODLE_XML = "xml"
FORMATS = (GIFT, MOODLE_XML)


@transaction.atomic
def category_get_or_create_path(*, path: tuple[str, ...], root: QuestionCategory | None = None) -> QuestionCategory:
    """The category at `path` below `root` (below the top when root is None),
    creating any category on the way that does not exist yet. An empty path
    is `root` itself. Raises ValueError for an empty path with no root, or a
    blank name in the path. Queries: two or so per level of the path."""
    if not path and root is None:
        raise ValueError("a category path needs at least one name")
    category = root
    for name in path:
        name = name.strip()
        if not name:
            raise ValueError(f"a category name in {'/'.join(path)!r} is blank")
        category, _ = QuestionCategory.objects.get_or_create(parent=category, name=name)
    assert category is not None
    return category


@transaction.atomic
def questions_import(*, parsed: Sequence[ParsedQuestion], category: QuestionCategory) -> list[Question]:
    """Store parsed questions, with their answers and matching pairs, in order.

    Each question's own category path (from the file's $CATEGORY lines or
    category pseudo-questions) is created below `category`. Either every
    question is stored or none is.

    Raises django.core.exceptions.ValidationError for a value the models
    refuse (a name over 255 characters, a fraction outside -1..1, more
    decimal places than a field keeps), and ValueError for a blank category
    name.

    Queries: a few per distinct category path, then one insert each for
    questions, answers and pairs, however many there are (bulk inserts are
    split only past the database's parameter limit: 999 on SQLite). Bulk
    inserts send no post_save, so Wagtail's reference index ("usage") does
    not list imported questions until `rebuild_references_index` runs.
    """
    categories: dict[tuple[str, ...], QuestionCategory] = {}
    questions: list[Question] = []
    for item in parsed:
        if item.category not in categories:
            categories[item.category] = category_get_or_create_path(path=item.category, root=category)
        question = Question(
            category=categories[item.category],
            kind=Question.Kind(item.kind.value),
            name=item.name,
            stem=item.stem,
            stem_format=Question.TextFormatChoice(item.stem_format.value),
            general_feedback=item.general_feedback,
            shuffle_answers=item.shuffle_answers,
            case_sensitive=item.case_sensitive,
            default_mark=item.default_mark,
            penalty=item.penalty,
        )
        # Foreign keys are left out: checking them would cost a query per row.
        _clean(question, exclude="category", number=len(questions) + 1, item=item)
        questions.append(question)
    Question.objects.bulk_create(questions)

    answers: list[Answer] = []
    pairs: list[MatchPair] = []
    for number, (item, question) in enumerate(zip(parsed, questions, strict=True), start=1):
        for order, answer in enumerate(item.answers):
            row = Answer(
                question=question,
                order=order,
                text=answer.text,
                fraction=answer.fraction,
                feedback=answer.feedback,
                tolerance=answer.tolerance,
            )
            _clean(row, exclude="question", number=number, item=item)
            answers.append(row)
        for order, match in enumerate(item.matches):
            pair = MatchPair(question=question, order=order, left=match.question, right=match.answer)
            _clean(pair, exclude="question", number=number, item=item)
            pairs.append(pair)
    if answers:
        Answer.objects.bulk_create(answers)
    if pairs:
        MatchPair.objects.bulk_create(pairs)
    return questions


def _clean(row: models.Model, *, exclude: str, number: int, item: ParsedQuestion) -> None:
    """Validate a row's own fields, naming the question a trainer should fix."""
    try:
        row.clean_fields(exclude=[exclude])
    except ValidationError as error:
        label = item.name or item.stem[:60]
        raise ValidationError(f"question {number} ({label}): {' '.join(error.messages)}") from error


def questions_parse(*, data: bytes, format: str) -> list[ParsedQuestion]:
    """Read a GIFT ("gift", UTF-8 text) or Moodle XML ("xml") file. Writes nothing.

    Raises FormatError ("line N: reason") for a malformed file, including
    GIFT that is not UTF-8, and ValueError for an unknown format.
    """
    if format == GIFT:
        try:
            text = data.decode("utf-8-sig")  # a byte-order mark from Windows editors is not content
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise FormatError(line, "the file is not UTF-8 text; save it as UTF-8 and import it again") from error
        return parse_gift(text)
    if format == MOODLE_XML:
        return parse_moodle_xml(data)
    raise ValueError(f"unknown question format {format!r}: use one of {', '.join(FORMATS)}")


# --- Quizzes and attempts ---------------------------------------------------------------------------------------


class QuizError(Exception):
    """A learner or trainer action that cannot be done; the message is shown to them."""


CHOICE_KINDS = {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_RESPONSE, Question.Kind.TRUE_FALSE}
TEXT_KINDS = {Question.Kind.SHORT_ANSWER, Question.Kind.NUMERICAL, Question.Kind.ESSAY}
MAX_TEXT_ANSWER = 20_000


@dataclass(frozen=True)
class QuizPlacement:
    """A quiz block in a module body."""

    block_id: str
    quiz_id: int
    required: bool


def quiz_placements(module: "ModulePage") -> list[QuizPlacement]:
    """The quiz blocks of a module's body, read from its stored JSON (no query)."""
    placements = []
    for block in module.body.raw_data:
        if block.get("type") != "quiz":
            continue
        value = block.get("value") or {}
        if isinstance(value.get("quiz"), int):
            placements.append(
                QuizPlacement(block_id=block.get("id", ""), quiz_id=value["quiz"], required=value.get("required", True))
            )
    return placements


def _grade_locked(*, member: User, quiz: Quiz, module: "ModulePage") -> QuizGrade:
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
def attempt_start(*, member: User, quiz: Quiz, module: "ModulePage") -> Attempt:
    """Start an attempt on a quiz placed in a module, or return the one in progress
    (so a learner who closed the browser carries on where they were).

    The question set, its order and each question's choice order are frozen on
    the attempt's response rows. Raises QuizError when the member is not
    enrolled, the quiz is not in this live module, it has closed, or no attempts
    are left. Serialised per member and placed quiz by the grade row's lock, so
    concurrent starts cannot exceed the attempt limit."""
    from courses.models import Enrolment

    if not module.live or all(placement.quiz_id != quiz.pk for placement in quiz_placements(module)):
        raise QuizError("This quiz is not available.")
    if not Enrolment.objects.filter(member=member, course__path=module.course_path).exists():
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


def _read_answers(response: Response, data: Mapping[str, Any]) -> tuple[list[int], str, dict[str, str]]:
    """What the form says for one response, kept to what the frozen layout offers."""
    field = f"q{response.slot}"
    kind = response.question.kind
    if kind in CHOICE_KINDS:
        offered = {int(answer_id) for answer_id in response.layout}
        picked = [int(value) for value in _getlist(data, field) if str(value).isdigit() and int(value) in offered]
        if kind != Question.Kind.MULTIPLE_RESPONSE:
            picked = picked[:1]
        return sorted(set(picked)), "", {}
    if kind == Question.Kind.MATCHING:
        options = set(response.layout.get("right", []))
        matches = {}
        for pair_id in response.layout.get("left", []):
            value = _getone(data, f"{field}-{pair_id}")
            if value in options:
                matches[str(pair_id)] = value
        return [], "", matches
    if kind in TEXT_KINDS:
        text = _getone(data, field)
        if len(text) > MAX_TEXT_ANSWER:
            raise QuizError(f"Keep answers under {MAX_TEXT_ANSWER:,} characters (question {response.slot}).")
        return [], text, {}
    return [], "", {}


def _getlist(data: Mapping[str, Any], key: str) -> list[str]:
    if hasattr(data, "getlist"):
        return list(data.getlist(key))
    value = data.get(key, [])
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _getone(data: Mapping[str, Any], key: str) -> str:
    values = _getlist(data, key)
    return values[-1] if values else ""


def _responses_for_grading(attempt: Attempt, *, with_choices: bool = True) -> list[Response]:
    """The attempt's responses with their questions' keys; their ticked choices
    too, unless the caller is about to replace them."""
    lookups = ["question__answers", "question__match_pairs"] + (["choices"] if with_choices else [])
    return list(attempt.responses.select_related("question").prefetch_related(*lookups).order_by("slot"))


def _store_answers(attempt: Attempt, responses: list[Response], data: Mapping[str, Any], *, write: bool = True) -> None:
    """Replace the attempt's answers with the form's, in a fixed number of queries
    (with write=False the response rows are left for the caller to write)."""
    choices: list[ResponseChoice] = []
    for response in responses:
        picked, text, matches = _read_answers(response, data)
        response.text = text
        response.matches = matches
        response.answered = bool(picked or text.strip() or matches)
        response._picked = picked  # type: ignore[attr-defined]  # read by grading in the same request
        choices.extend(ResponseChoice(response=response, answer_id=answer_id) for answer_id in picked)
    ResponseChoice.objects.filter(response__attempt=attempt).delete()
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
    columns = ", ".join(f"{field} = v.{field}{_PG_CASTS[field]}" for field in fields)
    row = "(" + ", ".join(["%s::bigint"] + ["%s"] * len(fields)) + ")"
    params: list[Any] = []
    for response in responses:
        params.append(response.pk)
        for field in fields:
            value = getattr(response, field)
            params.append(json.dumps(value) if field == "matches" else value)
    table = Response._meta.db_table
    sql = (
        # Names come from our own constants (checked below); every value is a bound parameter.
        f"UPDATE {table} AS r SET {columns} FROM (VALUES {', '.join([row] * len(responses))}) "  # noqa: S608
        f"AS v(id, {', '.join(fields)}) WHERE r.id = v.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@transaction.atomic
def attempt_save(*, attempt_id: int, member: User, data: Mapping[str, Any]) -> Attempt:
    """Save the learner's answers so far (the whole form each time). An attempt
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
    _store_answers(attempt, _responses_for_grading(attempt, with_choices=False), data)
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
    *, attempt_id: int, member: User, data: Mapping[str, Any] | None = None, timed_out: bool = False
) -> Attempt:
    """Submit an attempt (saving `data` first, when given and in time), mark every
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
    replacing = data is not None and not late
    responses = _responses_for_grading(attempt, with_choices=not replacing)
    fields: tuple[str, ...] = ()
    if data is not None and not late:
        _store_answers(attempt, responses, data, write=False)
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
        _module_complete_if_clear(member_id=grade.member_id, module_id=grade.module_id)


def _module_complete_if_clear(*, member_id: int, module_id: int) -> None:
    from courses.models import ModulePage
    from courses.services import CourseError, module_complete

    module = ModulePage.objects.filter(pk=module_id).first()
    member = User.objects.filter(pk=member_id).first()
    if module is None or member is None:
        return
    try:
        with transaction.atomic():
            module_complete(member=member, module=module)
    except CourseError:
        pass  # another required activity in the module is still to do: it will complete the module


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


def attempt_visible_to(*, attempt: Attempt, user: Any) -> bool:
    """Its owner, and the staff who run its course (courses/permissions.py)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if attempt.member_id == user.pk:
        return True
    return is_staff_member(user) and runs_course_at(user, attempt.module.course_path)


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
