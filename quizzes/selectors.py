"""Reads: attempts as pages show them, who may see an attempt, item analysis, a member's data."""

import html
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, FloatField, Min, QuerySet, StdDev, Sum
from django.utils import timezone
from django.utils.html import strip_tags

from accounts.choices import Role
from accounts.models import User
from courses.api import ModulePage, course_editable_by
from quizzes.models import Answer, Attempt, Question, Quiz, QuizGrade, Response, ResponseChoice
from quizzes.scoring import Key, numerical_match, short_answer_match

# --- Quizzes and attempts ---------------------------------------------------------------------------------------


def plain(text: str) -> str:
    """Question text as plain text. Stems and answers may be HTML written
    elsewhere (Moodle); tags are dropped so nothing imported runs in our
    origin, and the template escapes what is left."""
    return html.unescape(strip_tags(text))


@dataclass
class ReviewOptions:
    answers: bool
    correctness: bool
    right_answers: bool
    feedback: bool

    @property
    def anything(self) -> bool:
        return self.answers or self.correctness or self.right_answers or self.feedback


EVERYTHING = ReviewOptions(answers=True, correctness=True, right_answers=True, feedback=True)


def review_options(*, attempt: Attempt, viewer: Any) -> ReviewOptions | None:
    """What the viewer may see of a submitted attempt; None while it is in progress.
    Trainers see everything; the learner what the quiz allows after submission,
    or after the quiz closes once it has."""
    if attempt.state == Attempt.State.IN_PROGRESS:
        return None
    if viewer.pk != attempt.member_id:
        return EVERYTHING
    quiz = attempt.quiz
    if quiz.closes_at is not None and timezone.now() >= quiz.closes_at:
        return ReviewOptions(
            answers=quiz.review_answers_after_close,
            correctness=quiz.review_correctness_after_close,
            right_answers=quiz.review_right_answers_after_close,
            feedback=quiz.review_feedback_after_close,
        )
    return ReviewOptions(
        answers=quiz.review_answers_after_submit,
        correctness=quiz.review_correctness_after_submit,
        right_answers=quiz.review_right_answers_after_submit,
        feedback=quiz.review_feedback_after_submit,
    )


@dataclass
class ChoiceView:
    id: int
    text: str
    picked: bool = False
    correct: bool | None = None  # None: not to be shown
    feedback: str = ""


@dataclass
class MatchRow:
    pair_id: int
    text: str
    chosen: str = ""
    right: str = ""  # empty: not to be shown
    correct: bool | None = None


@dataclass
class QuestionView:
    response_id: int
    slot: int
    kind: str
    stem: str
    choices: list[ChoiceView] = field(default_factory=list)
    rows: list[MatchRow] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    text: str = ""
    mark: Decimal | None = None
    max_mark: Decimal = Decimal(0)
    needs_grading: bool = False
    outcome: str = ""  # "right", "partly right", "wrong", when correctness may be shown
    feedback: list[str] = field(default_factory=list)
    right_answer: str = ""
    trainer_comment: str = ""
    number: int | None = None  # "Question 3 of 13": descriptions are not counted, as they ask nothing
    of: int = 0

    @property
    def multiple(self) -> bool:
        return self.kind == Question.Kind.MULTIPLE_RESPONSE


def _outcome(fraction: Decimal | None) -> str:
    if fraction is None:
        return ""
    if fraction >= 1:
        return "right"
    return "partly right" if fraction > 0 else "wrong"


def _matched_key(question: Question, text: str) -> Answer | None:
    """The answer a short-answer or numerical response matched (the one that scored it), if any."""
    answers = list(question.answers.all())
    keys = [Key(answer.pk, answer.text, answer.fraction, answer.tolerance) for answer in answers]
    if question.kind == Question.Kind.SHORT_ANSWER:
        match = short_answer_match(keys, text, case_sensitive=question.case_sensitive)
    else:
        match = numerical_match(keys, text)
    return next((answer for answer in answers if match is not None and answer.pk == match.id), None)


def attempt_questions(*, attempt: Attempt, review: ReviewOptions | None) -> list[QuestionView]:
    """The attempt's questions as the page shows them, in four queries. With
    review None (in progress) nothing of the answer key is read into the view:
    only stems, choice texts in their frozen order, and the learner's answers."""
    responses = list(
        attempt.responses.select_related("question")
        .prefetch_related("question__answers", "question__match_pairs", "choices")
        .order_by("slot")
    )
    views = []
    show_answers = review is None or review.answers
    for response in responses:
        question = response.question
        view = QuestionView(
            response_id=response.pk,
            slot=response.slot,
            kind=question.kind,
            stem=plain(question.stem),
            max_mark=response.max_mark,
            text=response.text if show_answers else "",
        )
        answers = {answer.pk: answer for answer in question.answers.all()}
        picked = {choice.answer_id for choice in response.choices.all()} if show_answers else set()
        if question.kind in (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_RESPONSE, Question.Kind.TRUE_FALSE):
            for answer_id in response.layout:
                answer = answers.get(answer_id)
                if answer is None:
                    continue
                text = plain(answer.text)
                if question.kind == Question.Kind.TRUE_FALSE:
                    text = text.capitalize()
                choice = ChoiceView(id=answer.pk, text=text, picked=answer.pk in picked)
                if review is not None and review.right_answers:
                    choice.correct = answer.fraction > 0
                if review is not None and review.feedback and choice.picked:
                    choice.feedback = plain(answer.feedback)
                view.choices.append(choice)
        elif question.kind == Question.Kind.MATCHING:
            pairs = {pair.pk: pair for pair in question.match_pairs.all()}
            view.options = list(response.layout.get("right", []))
            for pair_id in response.layout.get("left", []):
                pair = pairs.get(pair_id)
                if pair is None:
                    continue
                row = MatchRow(pair_id=pair.pk, text=plain(pair.left))
                if show_answers:
                    row.chosen = response.matches.get(str(pair.pk), "")
                if review is not None and review.right_answers:
                    row.right = pair.right.strip()
                if review is not None and review.correctness and show_answers:
                    row.correct = row.chosen == pair.right.strip()
                view.rows.append(row)
        if review is not None:
            view.needs_grading = response.needs_grading
            view.trainer_comment = response.trainer_comment
            if review.correctness:
                view.mark = response.mark
                view.outcome = _outcome(response.fraction)
            if review.feedback:
                if question.kind in (Question.Kind.SHORT_ANSWER, Question.Kind.NUMERICAL):
                    matched = _matched_key(question, response.text)
                    if matched is not None and matched.feedback:
                        view.feedback.append(plain(matched.feedback))
                if question.general_feedback:
                    view.feedback.append(plain(question.general_feedback))
            if review.right_answers:
                view.right_answer = _right_answer(question)
        views.append(view)
    asked = [view for view in views if view.kind != Question.Kind.DESCRIPTION]
    for number, view in enumerate(asked, start=1):
        view.number, view.of = number, len(asked)
    return views


def _right_answer(question: Question) -> str:
    best = [answer for answer in question.answers.all() if answer.fraction >= 1]
    if question.kind == Question.Kind.SHORT_ANSWER and best:
        return plain(best[0].text)
    if question.kind == Question.Kind.NUMERICAL and best:
        answer = best[0]
        tolerance = f" (± {answer.tolerance.normalize():f})" if answer.tolerance else ""
        return f"{answer.text}{tolerance}"
    return ""


def overall_feedback(*, quiz: Quiz, percent: Decimal | None) -> str:
    """The trainer's feedback band for this score (bands are read highest first)."""
    if percent is None:
        return ""
    for band in quiz.feedback_bands.all():
        if percent >= band.min_percent:
            return band.text
    return ""


@dataclass
class QuizPanel:
    quiz: Quiz
    module_id: int
    attempts: list[Attempt]
    in_progress: Attempt | None
    grade: QuizGrade | None
    attempts_left: int | None  # None: no limit
    closed: bool

    @property
    def can_start(self) -> bool:
        return self.in_progress is None and not self.closed and (self.attempts_left is None or self.attempts_left > 0)


def quiz_panel(*, quiz: Quiz, module: ModulePage, member: Any) -> QuizPanel:
    """What the quiz block shows a member: their attempts, grade and what they may do next. Two queries."""
    attempts: list[Attempt] = []
    grade = None
    if getattr(member, "is_authenticated", False):
        attempts = list(Attempt.objects.filter(member=member, quiz=quiz, module=module).order_by("number"))
        grade = QuizGrade.objects.filter(member=member, quiz=quiz, module=module).first()
    in_progress = next((attempt for attempt in attempts if attempt.state == Attempt.State.IN_PROGRESS), None)
    left = max(0, quiz.attempts_allowed - len(attempts)) if quiz.attempts_allowed else None
    closed = quiz.closes_at is not None and timezone.now() >= quiz.closes_at
    return QuizPanel(quiz, module.pk, attempts, in_progress, grade, left, closed)


def quizzes_personal_data(member: User) -> list[dict[str, Any]]:
    """A member's quiz attempts and answers, for their data download."""
    attempts = (
        Attempt.objects.filter(member=member)
        .select_related("quiz")
        .prefetch_related("responses__question", "responses__choices")
    )
    return [
        {
            "quiz": attempt.quiz.title,
            "module_id": attempt.module_id,
            "attempt": attempt.number,
            "state": attempt.state,
            "started_at": attempt.started_at.isoformat(),
            "submitted_at": attempt.submitted_at.isoformat() if attempt.submitted_at else None,
            "percent": str(attempt.percent) if attempt.percent is not None else None,
            "answers": [
                {
                    "question": response.question.name or plain(response.question.stem)[:200],
                    "text": response.text,
                    "choices": [choice.answer_id for choice in response.choices.all()],
                    "matches": response.matches,
                    "mark": str(response.mark) if response.mark is not None else None,
                }
                for response in attempt.responses.all()
            ],
        }
        for attempt in attempts
    ]


# --- Item analysis ----------------------------------------------------------------------------------------------


@dataclass
class ChoiceCount:
    answer_id: int
    text: str
    correct: bool
    picked: int


@dataclass
class QuestionAnalysis:
    question_id: int
    label: str
    kind: str
    responses: int
    facility: Decimal | None  # mean share of the mark earned, in %
    discrimination: Decimal | None  # correlation of this question's score with the attempt's, -1..1
    choices: list[ChoiceCount]


@dataclass
class ItemAnalysis:
    attempts: int
    mean: Decimal | None
    median: Decimal | None
    stdev: Decimal | None
    questions: list[QuestionAnalysis]


def _round(value: Any, places: str = "0.01") -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal(places))


def item_analysis(*, quiz: Quiz, modules: QuerySet[Any] | None = None) -> ItemAnalysis:
    """Item analysis over the quiz's finished attempts, computed by the database
    (aggregates and GROUP BY), never by loading attempts: one query for the
    totals, one or two for the median, one per-question aggregate, one for
    choice counts, one for question texts and one for choice texts.

    Facility index: the mean fraction of the mark earned on the question.
    Discrimination index: Pearson's correlation between the question's
    fraction and the attempt's percentage, from sums of products (as Moodle's
    reports do, but against the whole score rather than the rest of it).

    `modules` limits it to attempts made in those modules (a trainer sees the
    courses they run only); None is every attempt."""
    finished = Attempt.objects.filter(quiz=quiz, state=Attempt.State.FINISHED)
    responses = Response.objects.filter(attempt__quiz=quiz, attempt__state=Attempt.State.FINISHED)
    choices = ResponseChoice.objects.filter(
        response__attempt__quiz=quiz, response__attempt__state=Attempt.State.FINISHED
    )
    if modules is not None:
        finished = finished.filter(module__in=modules)
        responses = responses.filter(attempt__module__in=modules)
        choices = choices.filter(response__attempt__module__in=modules)
    totals = finished.aggregate(count=Count("pk"), mean=Avg("percent"), stdev=StdDev("percent"))
    count = totals["count"]
    median = None
    if count:
        ordered = finished.order_by("percent").values_list("percent", flat=True)
        middle = count // 2
        if count % 2:
            median = ordered[middle]
        else:
            low, high = list(ordered[middle - 1 : middle + 1])
            median = (low + high) / 2 if low is not None and high is not None else None

    rows = (
        responses.filter(fraction__isnull=False)
        .values("question_id")
        .annotate(
            n=Count("pk"),
            sx=Sum(F("fraction"), output_field=FloatField()),
            sy=Sum(F("attempt__percent"), output_field=FloatField()),
            sxx=Sum(F("fraction") * F("fraction"), output_field=FloatField()),
            syy=Sum(F("attempt__percent") * F("attempt__percent"), output_field=FloatField()),
            sxy=Sum(F("fraction") * F("attempt__percent"), output_field=FloatField()),
            first_slot=Min("slot"),
        )
        .order_by("first_slot", "question_id")
    )
    stats = list(rows)
    question_ids = [row["question_id"] for row in stats]
    questions = {
        question.pk: question
        for question in Question.objects.filter(pk__in=question_ids).only("pk", "name", "stem", "kind")
    }
    picked = dict(choices.values("answer_id").annotate(n=Count("pk")).values_list("answer_id", "n"))
    choices_by_question: dict[int, list[ChoiceCount]] = {}
    choice_kinds = (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_RESPONSE, Question.Kind.TRUE_FALSE)
    for answer in Answer.objects.filter(question_id__in=question_ids, question__kind__in=choice_kinds).only(
        "pk", "question_id", "text", "fraction"
    ):
        choices_by_question.setdefault(answer.question_id, []).append(
            ChoiceCount(answer.pk, plain(answer.text), answer.fraction > 0, picked.get(answer.pk, 0))
        )

    analysed = []
    for row in stats:
        question = questions[row["question_id"]]
        n = row["n"]
        facility = row["sx"] / n * 100 if n else None
        discrimination = None
        variance_x = n * row["sxx"] - row["sx"] ** 2
        variance_y = n * row["syy"] - row["sy"] ** 2
        if n > 1 and variance_x > 1e-12 and variance_y > 1e-12:
            discrimination = (n * row["sxy"] - row["sx"] * row["sy"]) / math.sqrt(variance_x * variance_y)
        analysed.append(
            QuestionAnalysis(
                question_id=question.pk,
                label=question.name or plain(question.stem)[:120],
                kind=question.get_kind_display(),
                responses=n,
                facility=_round(facility, "0.1"),
                discrimination=_round(discrimination),
                choices=choices_by_question.get(question.pk, []),
            )
        )
    return ItemAnalysis(
        attempts=count,
        mean=_round(totals["mean"]),
        median=_round(median),
        stdev=_round(totals["stdev"]),
        questions=analysed,
    )


def quiz_grades_personal_data(member: User) -> list[dict[str, Any]]:
    """A member's standing on each quiz (the grade across their attempts), for their data download."""
    return [
        {
            "quiz": grade.quiz.title,
            "module_id": grade.module_id,
            "percent": str(grade.percent) if grade.percent is not None else None,
            "passed": grade.passed,
            "passed_at": grade.passed_at.isoformat() if grade.passed_at else None,
        }
        for grade in QuizGrade.objects.filter(member=member).select_related("quiz").order_by("pk")
    ]


def attempt_visible_to(*, attempt: Attempt, user: Any) -> bool:
    """Its owner, and trainers of its course: staff who may edit the course page in the CMS."""
    if not getattr(user, "is_authenticated", False):
        return False
    if attempt.member_id == user.pk:
        return True
    if user.role not in (Role.TRAINER, Role.ADMINISTRATOR):
        return False
    return course_editable_by(user=user, module=attempt.module)


def attempt_answer_layout(*, attempt_id: int, member: User) -> list[Response]:
    """The member's attempt's responses with their questions' kinds: what its answers form
    is built from (empty for someone else's attempt). One query."""
    return list(
        Response.objects.filter(attempt_id=attempt_id, attempt__member=member)
        .select_related("question")
        .only("slot", "layout", "question__kind")
        .order_by("slot")
    )
