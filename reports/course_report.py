"""A course's report for the trainers who run it: counted by the database, in a fixed number of
queries whatever the number of learners (the learner list comes a page at a time)."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from courses.permissions import courses_run_by
from quizzes.models import QuizGrade


def course_reported_to(*, user: Any, course_id: int) -> CoursePage | None:
    """The course, if `user` runs it (administrators run all); None otherwise. Two queries or so."""
    return courses_run_by(user).filter(pk=course_id).first()


@dataclass
class ModuleRow:
    title: str
    started: int
    completed: int


@dataclass
class QuizRow:
    title: str
    learners: int
    passed: int
    mean_percent: Decimal | None


@dataclass
class CourseReport:
    enrolled: int
    started: int
    completed: int
    mean_time_to_complete: timedelta | None
    modules: list[ModuleRow]
    quizzes: list[QuizRow]


def _time_to_complete() -> ExpressionWrapper:
    return ExpressionWrapper(F("completed_at") - F("enrolled_at"), output_field=DurationField())


def course_report(*, course: CoursePage) -> CourseReport:
    """Enrolled, started (any module opened), completed and the mean time from enrolling to
    completing; per module how many started and completed it; per quiz placed in the course how
    many took it, passed and the mean grade. Four queries."""
    started = ModuleProgress.objects.filter(enrolment=OuterRef("pk"))
    totals = Enrolment.objects.filter(course=course).aggregate(
        enrolled=Count("pk"),
        started=Count("pk", filter=Q(Exists(started))),
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
        mean_time=Avg(_time_to_complete(), filter=Q(completed_at__isnull=False)),
    )
    pages = list(ModulePage.objects.child_of(course).order_by("path").only("title"))
    # Naming the modules lets the database read their progress through its module index instead of
    # scanning every learner's progress on every course (at 2,000,000 rows, 0.17 s down to 0.03 s);
    # the enrolment's course still decides, for a module moved here from another course.
    progress = {
        module_id: (started_n, completed_n)
        for module_id, started_n, completed_n in ModuleProgress.objects.filter(
            enrolment__course=course, module__in=[page.pk for page in pages]
        )
        .order_by()
        .values_list("module_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(completed_at__isnull=False)))
    }
    modules = [ModuleRow(page.title, *progress.get(page.pk, (0, 0))) for page in pages]
    quizzes = [
        QuizRow(title, learners, passed, round(mean, 1) if mean is not None else None)
        for title, learners, passed, mean in QuizGrade.objects.filter(module__path__startswith=course.path)
        .order_by()
        .values_list("quiz__title")
        .annotate(n=Count("pk"), passed_n=Count("pk", filter=Q(passed=True)), mean=Avg("percent"))
        .order_by("quiz__title")
    ]
    return CourseReport(
        enrolled=totals["enrolled"],
        started=totals["started"],
        completed=totals["completed"],
        mean_time_to_complete=totals["mean_time"],
        modules=modules,
        quizzes=quizzes,
    )


def course_learners(*, course: CoursePage) -> "QuerySet[Enrolment]":
    """The course's learners, one row each with how many modules they completed and how long they
    took to complete the course; alphabetical. Page it: one query per page.

    The modules completed are a subquery per row, not a join grouped over the whole course: the
    database then counts them for the page's hundred rows only, and the page's count needs no
    grouping (at 20,000 learners a grouped page took 0.25 s and its count 0.16 s)."""
    completed_modules = (
        ModuleProgress.objects.filter(enrolment=OuterRef("pk"), completed_at__isnull=False)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Enrolment.objects.filter(course=course)
        .select_related("member")
        .only("enrolled_at", "completed_at", "member__full_name", "member__email", "member__sector", "member__region")
        .annotate(
            modules_completed=Coalesce(Subquery(completed_modules, output_field=IntegerField()), 0),
            time_to_complete=_time_to_complete(),
        )
        .order_by("member__full_name", "pk")
    )


LearnerProgress = tuple[Enrolment, list[tuple[ModulePage, ModuleProgress | None]], list[QuizGrade]]


def learner_progress(*, course: CoursePage, enrolment_id: int) -> LearnerProgress | None:
    """One learner's enrolment on the course, each module with their progress on it (or None), and
    their quiz grades in the course; None if the enrolment is not on this course. Three queries."""
    enrolment = Enrolment.objects.select_related("member").filter(pk=enrolment_id, course=course).first()
    if enrolment is None:
        return None
    progress = {record.module_id: record for record in enrolment.module_progress.all()}
    modules = [
        (module, progress.get(module.pk))
        for module in ModulePage.objects.child_of(course).order_by("path").only("title")
    ]
    grades = list(
        QuizGrade.objects.filter(member=enrolment.member, module__path__startswith=course.path)
        .select_related("quiz")
        .order_by("quiz__title")
    )
    return enrolment, modules, grades
