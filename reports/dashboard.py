"""The service dashboard's figures, counted by the database.

Each figure is one function of the filters returning a `Table`; each costs a fixed number of
queries (one, or two for the quality ratings), whatever the number of members, enrolments or
bookings: `FIGURES` lists them in the order the page shows them. No figure carries a member's
name or any text a member wrote: rows are sectors, regions, months, courses, quizzes and
statements.

The page and the CSVs read them through `dashboard_figures`, which keeps every figure of one set
of filters in the shared cache until a record they count is saved or deleted (reports.apps
connects the receivers), and for five minutes at most: counting a service of 300,000 enrolments
takes seconds, and one set of filters is asked for again and again (docs/reports.md).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.choices import Region, Sector
from accounts.models import EnewsConsentChange, User
from certificates.models import Certificate
from cms.site_cache import generation_bump, generation_cached
from courses.models import Enrolment
from enews.models import EnewsSend
from enews.selectors import unsubscribe_reference
from quality.choices import Rating
from quality.models import QualityStatement, StatementResponse
from quality.selectors import latest_completed_assessments
from quizzes.models import Attempt
from reports.tables import Column, Table
from workshops.models import Booking, Session, Workshop

T = TypeVar("T")

NOT_GIVEN = "Not given"
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class DashboardFilters:
    """The dashboard's filters; each figure applies each one to the dates and member it is about."""

    date_from: date | None = None
    date_to: date | None = None  # inclusive
    sector: str = ""
    region: str = ""

    def period(self, field: str) -> Q:
        """`field` (a date-time) within the chosen dates, in the site's time zone."""
        within = Q()
        if self.date_from:
            within &= Q(**{f"{field}__gte": timezone.make_aware(datetime.combine(self.date_from, time.min))})
        if self.date_to:
            end = timezone.make_aware(datetime.combine(self.date_to + timedelta(days=1), time.min))
            within &= Q(**{f"{field}__lt": end})
        return within

    def day_period(self, field: str) -> Q:
        """`field` (a date) within the chosen dates."""
        within = Q()
        if self.date_from:
            within &= Q(**{f"{field}__gte": self.date_from})
        if self.date_to:
            within &= Q(**{f"{field}__lte": self.date_to})
        return within

    def place(self, prefix: str) -> Q:
        """The sector and region of the member (or team) reached through `prefix`."""
        chosen = Q()
        if self.sector:
            chosen &= Q(**{f"{prefix}sector": self.sector})
        if self.region:
            chosen &= Q(**{f"{prefix}region": self.region})
        return chosen


def _month(value: datetime | date | None) -> str:
    return value.strftime("%Y-%m") if value else NOT_GIVEN


def _labels(choices: Any, counts: dict[str, list[Any]], width: int) -> list[tuple[str, list[Any]]]:
    """One row per choice in its own order (zeros included, so a filter never hides a row), then
    members who gave none."""
    rows = [(label, counts.get(value, [0] * width)) for value, label in choices.choices]
    if "" in counts:
        rows.append((NOT_GIVEN, counts[""]))
    return rows


# --- members ---


def _members(filters: DashboardFilters) -> "QuerySet[User]":
    return User.objects.filter(filters.period("date_joined"), filters.place(""), is_active=True).order_by()


def members_by_sector(filters: DashboardFilters) -> Table:
    counts = {sector: [n] for sector, n in _members(filters).values_list("sector").annotate(n=Count("pk"))}
    return Table("members-by-sector", "Members by sector", "Sector", (Column("Members"),), _labels(Sector, counts, 1))


def members_by_region(filters: DashboardFilters) -> Table:
    counts = {region: [n] for region, n in _members(filters).values_list("region").annotate(n=Count("pk"))}
    return Table("members-by-region", "Members by region", "Region", (Column("Members"),), _labels(Region, counts, 1))


def members_by_month(filters: DashboardFilters) -> Table:
    rows = (
        _members(filters).annotate(month=TruncMonth("date_joined")).values_list("month").annotate(n=Count("pk"))
    ).order_by("month")
    return Table(
        "members-by-month",
        "Members by month of joining",
        "Month",
        (Column("Members joined"),),
        [(_month(month), [n]) for month, n in rows],
    )


# --- enrolments and completions ---

ENROLMENT_COLUMNS = (Column("Enrolled"), Column("Completed"))


def _enrolments(filters: DashboardFilters) -> "QuerySet[Enrolment]":
    return Enrolment.objects.filter(filters.place("member__")).order_by()


def _enrolled_and_completed(filters: DashboardFilters) -> dict[str, Any]:
    """Enrolments made in the period, and completions reached in it (an enrolment from before the
    period that is completed within it counts as a completion only)."""
    return {
        "enrolled": Count("pk", filter=filters.period("enrolled_at")),
        "completed": Count("pk", filter=Q(completed_at__isnull=False) & filters.period("completed_at")),
    }


def enrolments_by_course(filters: DashboardFilters) -> Table:
    rows = (
        _enrolments(filters)
        .values_list("course__title")
        .annotate(**_enrolled_and_completed(filters))
        .order_by("course__title")
    )
    return Table(
        "enrolments-by-course",
        "Enrolments and completions by course",
        "Course",
        ENROLMENT_COLUMNS,
        [(title, [enrolled, completed]) for title, enrolled, completed in rows if enrolled or completed],
    )


def enrolments_by_month(filters: DashboardFilters) -> Table:
    base = _enrolments(filters)
    enrolled = dict(
        base.filter(filters.period("enrolled_at"))
        .annotate(month=TruncMonth("enrolled_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    completed = dict(
        base.filter(filters.period("completed_at"), completed_at__isnull=False)
        .annotate(month=TruncMonth("completed_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    months = sorted(set(enrolled) | set(completed))
    return Table(
        "enrolments-by-month",
        "Enrolments and completions by month",
        "Month",
        ENROLMENT_COLUMNS,
        [(_month(month), [enrolled.get(month, 0), completed.get(month, 0)]) for month in months],
    )


def _enrolments_by(filters: DashboardFilters, field: str) -> dict[str, list[Any]]:
    rows = _enrolments(filters).values_list(f"member__{field}").annotate(**_enrolled_and_completed(filters))
    return {value: [enrolled, completed] for value, enrolled, completed in rows}


def enrolments_by_sector(filters: DashboardFilters) -> Table:
    return Table(
        "enrolments-by-sector",
        "Enrolments and completions by sector",
        "Sector",
        ENROLMENT_COLUMNS,
        _labels(Sector, _enrolments_by(filters, "sector"), 2),
    )


def enrolments_by_region(filters: DashboardFilters) -> Table:
    return Table(
        "enrolments-by-region",
        "Enrolments and completions by region",
        "Region",
        ENROLMENT_COLUMNS,
        _labels(Region, _enrolments_by(filters, "region"), 2),
    )


# --- workshops ---


def _workshops(filters: DashboardFilters) -> "QuerySet[Workshop]":
    """Published workshops with a session in the period (in the chosen region)."""
    in_period = Session.objects.filter(filters.period("starts_at")).values("workshop_id")
    chosen = Workshop.objects.filter(state=Workshop.State.PUBLISHED, pk__in=in_period)
    return chosen.filter(region=filters.region) if filters.region else chosen


def workshops_by_region(filters: DashboardFilters) -> Table:
    """Places offered (the workshops' capacity: not filtered by sector, which is the bookers'), and
    bookings by the members of the chosen sector: booked (confirmed or since marked), waiting,
    attended, did not attend. Two queries."""
    offered = dict(_workshops(filters).order_by().values_list("region").annotate(n=Sum("capacity")))
    statuses = Booking.Status
    bookings = (
        Booking.objects.filter(filters.place("member__") if filters.sector else Q(), workshop__in=_workshops(filters))
        .order_by()
        .values_list("workshop__region")
        .annotate(
            booked=Count("pk", filter=Q(status__in=[statuses.CONFIRMED, statuses.ATTENDED, statuses.NO_SHOW])),
            waiting=Count("pk", filter=Q(status=statuses.WAITLISTED)),
            attended=Count("pk", filter=Q(status=statuses.ATTENDED)),
            no_shows=Count("pk", filter=Q(status=statuses.NO_SHOW)),
        )
    )
    by_region = {region: [offered.get(region, 0), *counts] for region, *counts in bookings}
    for region, places in offered.items():
        by_region.setdefault(region, [places, 0, 0, 0, 0])
    regions = [(value, label) for value, label in Region.choices if not filters.region or value == filters.region]
    return Table(
        "workshops-by-region",
        "Workshop places by region",
        "Region",
        (Column("Places offered"), Column("Booked"), Column("Waiting list"), Column("Attended"), Column("No-shows")),
        [(label, by_region.get(value, [0, 0, 0, 0, 0])) for value, label in regions],
        note="Places offered count every place in the region's workshops; the sector filter applies to bookings.",
    )


# --- certificates and CPD ---


def certificates_and_cpd(filters: DashboardFilters) -> Table:
    """Certificates issued in the period that still stand (a reissue replaces the one it supersedes,
    a revoked one counts for nothing), and the CPD hours they record."""
    issued = (
        Certificate.objects.filter(
            filters.day_period("issued_on"), filters.place("member__"), status=Certificate.Status.VALID
        )
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"), hours=Sum("cpd_hours"))
    )
    # Hours as certificates state them (one decimal place), whatever type the database sums to.
    rows = {kind: [n, Decimal(hours or 0).quantize(TENTH)] for kind, n, hours in issued}
    return Table(
        "certificates",
        "Certificates issued and CPD hours earned",
        "Certificates for",
        (Column("Certificates issued"), Column("CPD hours earned", basis=0)),
        [(label, rows.get(kind, [0, Decimal(0).quantize(TENTH)])) for kind, label in Certificate.Kind.choices],
    )


# --- quizzes ---


def quiz_pass_rates(filters: DashboardFilters) -> Table:
    """Per quiz: members who finished an attempt in the period, how many of them passed it, and the
    share that did."""
    rows = (
        Attempt.objects.filter(filters.period("submitted_at"), filters.place("member__"), state=Attempt.State.FINISHED)
        .order_by()
        .values_list("quiz__title")
        .annotate(
            learners=Count("member", distinct=True),
            passed=Count("member", distinct=True, filter=Q(passed=True)),
        )
        .order_by("quiz__title")
    )
    return Table(
        "quiz-pass-rates",
        "Quiz pass rates",
        "Quiz",
        (
            Column("Members who took it"),
            Column("Passed"),
            Column("Pass rate (%)", basis=0, charted=False),
        ),
        [
            (title, [learners, passed, round(Decimal(100 * passed) / learners) if learners else None])
            for title, learners, passed in rows
        ],
    )


# --- quality statements ---


def quality_ratings(filters: DashboardFilters) -> Table:
    """How many services rate themselves at each level of each Quality Statement, from each team's
    latest completed assessment completed in the period, in the chosen sector and region. Two
    queries (the statements, the counts)."""
    assessments = latest_completed_assessments().filter(filters.period("completed_at"), filters.place(""))
    counts: dict[int, dict[int, int]] = {}
    for statement_id, rating, n in (
        StatementResponse.objects.filter(assessment__in=assessments, rating__isnull=False)
        .order_by()
        .values_list("statement_id", "rating")
        .annotate(n=Count("pk"))
    ):
        counts.setdefault(statement_id, {})[rating] = n
    return Table(
        "quality-ratings",
        "Quality Statements: services' ratings",
        "Statement",
        tuple(Column(label) for _, label in Rating.choices),
        [
            (f"{statement.number}. {statement.title}", [counts.get(statement.pk, {}).get(r, 0) for r in Rating.values])
            for statement in QualityStatement.objects.order_by("number")
        ],
    )


# --- e-news ---


def enews_reach(filters: DashboardFilters) -> Table:
    """Members who receive the e-news now (in the chosen sector and region), then each issue whose
    sending started in the period: members it was sent to (everyone who consented then, whatever
    the filters) and members who left the e-news from its link (in the chosen sector and region).
    Three queries."""
    receiving = User.objects.filter(filters.place(""), is_active=True, enews_consent_at__isnull=False).count()
    sends = list(
        EnewsSend.objects.filter(filters.period("started_at"), state=EnewsSend.State.SENDING)
        .select_related("issue")
        .order_by("started_at", "pk")
    )
    left = dict(
        EnewsConsentChange.objects.filter(
            filters.place("member__"), given=False, route=EnewsConsentChange.Route.UNSUBSCRIBE_LINK
        )
        .order_by()
        .values_list("reference")
        .annotate(n=Count("pk"))
    )
    return Table(
        "enews-reach",
        "E-news reach",
        "E-news",
        (Column("Members"), Column("Left from its link")),
        [
            (
                "Members who receive it now",
                [receiving, sum(left.get(unsubscribe_reference(s.issue_id), 0) for s in sends)],
            ),
            *(
                (
                    f"{send.issue.title} ({send.started_at:%-d %b %Y})",
                    [send.targeted, left.get(unsubscribe_reference(send.issue_id), 0)],
                )
                for send in sends
            ),
        ],
        note="An issue's members are everyone who had asked for the e-news when it was sent; the sector and region "
        "filters apply to who receives it now and to who left.",
    )


FIGURES: dict[str, Callable[[DashboardFilters], Table]] = {
    "members-by-sector": members_by_sector,
    "members-by-region": members_by_region,
    "members-by-month": members_by_month,
    "enrolments-by-course": enrolments_by_course,
    "enrolments-by-month": enrolments_by_month,
    "enrolments-by-sector": enrolments_by_sector,
    "enrolments-by-region": enrolments_by_region,
    "workshops-by-region": workshops_by_region,
    "certificates": certificates_and_cpd,
    "quiz-pass-rates": quiz_pass_rates,
    "quality-ratings": quality_ratings,
    "enews-reach": enews_reach,
}


# --- kept in the shared cache ---

DASHBOARD_GENERATION_KEY = "reports-dashboard:generation"
# Writes that skip save() (update(), bulk_create, raw SQL) do not reach the receivers that forget
# the figures; nothing is shown older than this after one of them.
DASHBOARD_CACHE_SECONDS = 300


@dataclass(frozen=True)
class DashboardFigures:
    tables: dict[str, Table]  # every figure, keyed as FIGURES
    counted_at: datetime


def _figures_count(filters: DashboardFilters) -> DashboardFigures:
    return DashboardFigures({key: figure(filters) for key, figure in FIGURES.items()}, timezone.now())


def dashboard_kept(kind: str, params: object, build: Callable[[], T]) -> T:
    """`build()` for these `params`, kept in the shared cache with the figures: forgotten with them
    (`dashboard_figures_forget`) and after DASHBOARD_CACHE_SECONDS at most."""
    return generation_cached(DASHBOARD_GENERATION_KEY, kind, params, build, DASHBOARD_CACHE_SECONDS)


def dashboard_figures(filters: DashboardFilters) -> DashboardFigures:
    """Every figure for these filters, exact (suppression is the reader's, applied after): counted
    by the database on the first request for them (the queries FIGURES make, in all), then kept."""
    return dashboard_kept("figures", filters, lambda: _figures_count(filters))


def dashboard_figures_forget(**_: Any) -> None:
    """Forget every kept figure, for every set of filters (a record the dashboard counts changed)."""
    generation_bump(DASHBOARD_GENERATION_KEY)
