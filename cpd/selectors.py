"""Reads for CPD: a learner's record, what they are invited to evaluate, and the evaluation
aggregate staff see. Each in a fixed number of queries whatever the number of members."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from accounts.choices import Region, Sector
from accounts.models import User
from accounts.roles import is_administrator
from certificates.models import Certificate
from certificates.selectors import certificates_for_member
from courses.api import CoursePage, completed_enrolments, courses_run_by
from cpd.models import Evaluation, ExternalCpdEntry, OutcomeRating
from elearning.suppression import SMALL_COUNT, suppress_small_counts
from workshops.models import Booking, Workshop
from workshops.selectors import attendance_achievements, workshops_run_by


class Source:
    COURSE = "course"
    WORKSHOP = "workshop"
    EXTERNAL = "external"


@dataclass(frozen=True)
class CpdRow:
    """One line of the record: a course completed, a workshop attended, or CPD from elsewhere."""

    source: str
    title: str
    done_on: date
    hours: Decimal
    verify_url: str = ""  # the certificate's public verification link, once issued
    certificate_status: str = ""
    note: str = ""
    entry_id: int | None = None  # an external entry the learner may edit
    achievement_id: int | None = None  # the course's or workshop's id (for its evaluation)

    @property
    def source_label(self) -> str:
        return {Source.COURSE: "Course", Source.WORKSHOP: "Workshop", Source.EXTERNAL: "Elsewhere"}[self.source]


@dataclass
class CpdYear:
    year: int
    rows: list[CpdRow]

    @property
    def total(self) -> Decimal:
        return sum((row.hours for row in self.rows), Decimal("0"))


@dataclass
class CpdRecord:
    member: User
    years: list[CpdYear]

    @property
    def total(self) -> Decimal:
        return sum((year.total for year in self.years), Decimal("0"))

    @property
    def rows(self) -> list[CpdRow]:
        return [row for year in self.years for row in year.rows]


def cpd_record(*, member: User) -> CpdRecord:
    """Every course the member completed and workshop they attended, with the date, the CPD
    hours the course or workshop states and its certificate's verification link, and their
    CPD from elsewhere; newest first, by year. Five queries."""
    certificates = {
        (certificate.kind, certificate.achievement_id): certificate
        for certificate in certificates_for_member(member=member).only("kind", "achievement_id", "code", "status")
    }

    def certificate_fields(kind: str, achievement_id: int) -> tuple[str, str]:
        certificate = certificates.get((kind, achievement_id))
        if certificate is None:
            return "", ""
        return certificate.verify_url, certificate.get_status_display()

    rows: list[CpdRow] = []
    for enrolment in completed_enrolments().filter(member=member).select_related("course"):
        assert enrolment.completed_at is not None
        rows.append(
            CpdRow(
                source=Source.COURSE,
                title=enrolment.course.title,
                done_on=timezone.localdate(enrolment.completed_at),
                hours=enrolment.course.cpd_hours,
                achievement_id=enrolment.course_id,
                verify_url=(found := certificate_fields(Certificate.Kind.COURSE, enrolment.course_id))[0],
                certificate_status=found[1],
            )
        )
    attended = Booking.objects.filter(member=member, status=Booking.Status.ATTENDED)
    for achievement in attendance_achievements(bookings=attended):
        rows.append(
            CpdRow(
                source=Source.WORKSHOP,
                title=achievement.workshop_title,
                done_on=achievement.attended_on,
                hours=achievement.cpd_hours,
                achievement_id=achievement.workshop_id,
                verify_url=(found := certificate_fields(Certificate.Kind.WORKSHOP, achievement.workshop_id))[0],
                certificate_status=found[1],
            )
        )
    for entry in ExternalCpdEntry.objects.filter(member=member):
        rows.append(
            CpdRow(
                source=Source.EXTERNAL,
                title=entry.title,
                done_on=entry.done_on,
                hours=entry.hours,
                note=entry.note,
                entry_id=entry.pk,
            )
        )
    rows.sort(key=lambda row: (row.done_on, row.title), reverse=True)
    by_year: dict[int, list[CpdRow]] = defaultdict(list)
    for row in rows:
        by_year[row.done_on.year].append(row)
    return CpdRecord(member=member, years=[CpdYear(year, by_year[year]) for year in sorted(by_year, reverse=True)])


def external_entry_for_member(*, member: User, entry_id: int) -> ExternalCpdEntry | None:
    """One of the member's own entries, or None: another member's is never found. One query."""
    return ExternalCpdEntry.objects.filter(member=member, pk=entry_id).first()


def cpd_csv_rows(record: CpdRecord) -> list[list[object]]:
    rows: list[list[object]] = [["Year", "Date", "Kind", "Title", "CPD hours", "Certificate", "Note"]]
    for year in record.years:
        for row in year.rows:
            rows.append([year.year, row.done_on, row.source_label, row.title, row.hours, row.verify_url, row.note])
        rows.append([year.year, "", "", f"Total for {year.year}", year.total, "", ""])
    rows.append(["", "", "", "Total", record.total, "", ""])
    return rows


def external_cpd_personal_data(member: User) -> list[dict[str, Any]]:
    return [
        {"title": entry.title, "date": entry.done_on.isoformat(), "hours": str(entry.hours), "note": entry.note}
        for entry in ExternalCpdEntry.objects.filter(member=member)
    ]


def evaluations_personal_data(member: User) -> list[dict[str, Any]]:
    evaluations = Evaluation.objects.filter(member=member).select_related("course", "workshop")
    return [
        {
            "course": evaluation.course.title,
            "workshop": evaluation.workshop.title if evaluation.workshop else None,
            "sector": evaluation.sector,
            "region": evaluation.region,
            "usefulness": evaluation.usefulness,
            "will_do_differently": evaluation.will_do_differently,
            "confidence": [
                {"outcome": rating.outcome, "before": rating.before, "after": rating.after}
                for rating in evaluation.ratings.all()
            ],
            "submitted_at": evaluation.submitted_at.isoformat(),
        }
        for evaluation in evaluations.prefetch_related("ratings")
    ]


# --- evaluation: who may answer, what they are invited to ---------------------------------------------------


@dataclass(frozen=True)
class EvaluationTarget:
    """What an evaluation is about: a course, or a workshop (of a course, whose outcomes it rates)."""

    course: CoursePage
    workshop: Workshop | None = None

    @property
    def title(self) -> str:
        return self.workshop.title if self.workshop else self.course.title

    @property
    def outcomes(self) -> list[str]:
        return self.course.outcomes


def evaluation_target(
    *, member: User, course_id: int | None = None, workshop_id: int | None = None
) -> EvaluationTarget | None:
    """The course the member completed, or the workshop they attended, or None (they did not, or it
    does not exist): only someone who completed or attended may evaluate. One query."""
    if workshop_id is not None:
        booking = (
            Booking.objects.select_related("workshop__course")
            .filter(member=member, workshop_id=workshop_id, status=Booking.Status.ATTENDED)
            .first()
        )
        return EvaluationTarget(course=booking.workshop.course, workshop=booking.workshop) if booking else None
    enrolment = completed_enrolments().select_related("course").filter(member=member, course_id=course_id).first()
    return EvaluationTarget(course=enrolment.course) if enrolment else None


def evaluation_existing(*, member: User, target: EvaluationTarget) -> Evaluation | None:
    """The member's evaluation of the target, with its ratings, or None. Two queries."""
    found = Evaluation.objects.filter(member=member, course=target.course, workshop=target.workshop)
    return found.prefetch_related("ratings").first()


@dataclass(frozen=True)
class EvaluationInvite:
    source: str
    achievement_id: int
    title: str
    answered: bool


def evaluation_invites(*, member: User, record: CpdRecord | None = None) -> list[EvaluationInvite]:
    """Each course the member completed and workshop they attended, newest first, and whether they
    evaluated it. From their record when given (one query), else three (the dashboard's panel)."""
    answered = set(Evaluation.objects.filter(member=member).values_list("course_id", "workshop_id"))
    answered_workshops = {workshop_id for _, workshop_id in answered if workshop_id is not None}
    if record is not None:
        done = [(row.source, row.achievement_id, row.title) for row in record.rows if row.achievement_id is not None]
    else:
        courses = (
            completed_enrolments()
            .filter(member=member)
            .order_by("-completed_at")
            .values_list("course_id", "course__title")
        )
        workshops = (
            Booking.objects.filter(member=member, status=Booking.Status.ATTENDED)
            .order_by("-attended_at")
            .values_list("workshop_id", "workshop__title")
        )
        done = [(Source.COURSE, pk, title) for pk, title in courses]
        done += [(Source.WORKSHOP, pk, title) for pk, title in workshops]
    return [
        EvaluationInvite(
            source,
            pk,
            title,
            (pk in answered_workshops) if source == Source.WORKSHOP else (pk, None) in answered,
        )
        for source, pk, title in done
    ]


# --- evaluation: the aggregate staff see --------------------------------------------------------------------


GROUPINGS = {
    "course": ("evaluation__course_id", "evaluation__course__title"),
    "workshop": ("evaluation__workshop_id", "evaluation__workshop__title"),
    "sector": ("evaluation__sector", "evaluation__sector"),
    "region": ("evaluation__region", "evaluation__region"),
}
_CHOICE_LABELS = {"sector": dict(Sector.choices), "region": dict(Region.choices)}


def evaluations_visible_to(user: Any) -> QuerySet[Evaluation]:
    """The evaluations a staff member may read in aggregate: of the courses they run
    (courses/permissions.py) and the workshops they train; every one for an administrator."""
    if is_administrator(user):
        return Evaluation.objects.all()
    return Evaluation.objects.filter(
        Q(workshop__isnull=True, course__in=courses_run_by(user)) | Q(workshop__in=workshops_run_by(user))
    )


@dataclass(frozen=True)
class OutcomeChange:
    group: str
    outcome: str
    responses: int | None  # None: fewer than SMALL_COUNT, suppressed with its figures
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass
class EvaluationAggregate:
    by: str
    evaluations: int | None  # None: suppressed
    outcomes: list[OutcomeChange]
    usefulness: list[tuple[int, int | None]]  # (rating, count or None when suppressed)
    usefulness_average: float | None
    answers: list[str] = field(default_factory=list)  # free text, without names, shown from SMALL_COUNT up


def _shown(count: int) -> int | None:
    # Zero identifies no one; 1 to 4 could.
    return None if 0 < count < SMALL_COUNT else count


def evaluation_aggregate(
    *,
    viewer: Any,
    by: str = "course",
    course_id: int | None = None,
    workshop_id: int | None = None,
    sector: str = "",
    region: str = "",
) -> EvaluationAggregate:
    """The change in confidence per learning outcome, grouped by course, workshop, sector or region,
    the usefulness ratings and the free-text answers (never a name), over the evaluations `viewer`
    may read, narrowed by the filters. A group of fewer than five answers shows no figures, and the
    free text only appears when the whole selection has at least five evaluations. Computed by the
    database in four queries (plus those that scope a trainer), whatever the number of members.
    For the reports app too."""
    if by not in GROUPINGS:
        by = "course"
    evaluations = evaluations_visible_to(viewer)
    if course_id is not None:
        evaluations = evaluations.filter(course_id=course_id)
    if workshop_id is not None:
        evaluations = evaluations.filter(workshop_id=workshop_id)
    if sector:
        evaluations = evaluations.filter(sector=sector)
    if region:
        evaluations = evaluations.filter(region=region)
    if by == "workshop":
        evaluations = evaluations.filter(workshop__isnull=False)

    total = evaluations.count()
    key, label = GROUPINGS[by]
    rows = (
        OutcomeRating.objects.filter(evaluation__in=evaluations, before__isnull=False, after__isnull=False)
        .values(key, label, "outcome")
        .annotate(responses=Count("pk"), before_average=Avg("before"), after_average=Avg("after"))
        .order_by(label, key, "outcome")
    )
    outcomes = []
    labels = _CHOICE_LABELS.get(by, {})
    for row in rows:
        shown = _shown(row["responses"])
        group = str(row[label] or "")
        outcomes.append(
            OutcomeChange(
                group=labels.get(group, group) or "Not given",
                outcome=row["outcome"],
                responses=shown,
                before=float(row["before_average"]) if shown else None,
                after=float(row["after_average"]) if shown else None,
            )
        )
    counts: dict[int, int] = {
        rating: n
        for rating, n in evaluations.filter(usefulness__isnull=False)
        .values("usefulness")
        .annotate(n=Count("pk"))
        .values_list("usefulness", "n")
        if rating is not None
    }
    rated = sum(counts.values())
    # The service's one rule (elearning.suppression): where a single rating would be hidden the next
    # smallest is too, and the average goes with any hidden rating, which it would otherwise give away.
    shown_counts = suppress_small_counts([counts.get(rating, 0) for rating in range(1, 6)])
    average = (
        sum(rating * count for rating, count in counts.items()) / rated
        if rated >= SMALL_COUNT and None not in shown_counts
        else None
    )
    answers: list[str] = []
    if total >= SMALL_COUNT:
        # Sorted by their text, so the order gives away neither who answered nor when.
        answers = list(
            evaluations.exclude(will_do_differently="")
            .order_by("will_do_differently")
            .values_list("will_do_differently", flat=True)
        )
    return EvaluationAggregate(
        by=by,
        evaluations=_shown(total),
        outcomes=outcomes,
        usefulness=[
            (rating, shown if rated >= SMALL_COUNT else None)
            for rating, shown in zip(range(1, 6), shown_counts, strict=True)
        ],
        usefulness_average=average,
        answers=answers,
    )


def evaluation_filter_choices(viewer: Any) -> dict[str, list[tuple[Any, str]]]:
    """The courses and workshops the viewer may filter by: those with evaluations they may read. Two queries."""
    visible = evaluations_visible_to(viewer)
    courses = CoursePage.objects.filter(pk__in=visible.values("course_id")).order_by("title")
    workshops = Workshop.objects.filter(pk__in=visible.values("workshop_id")).order_by("title")
    return {
        "courses": list(courses.values_list("pk", "title")),
        "workshops": list(workshops.values_list("pk", "title")),
    }
