"""Reads for workshop pages, each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, IntegerField, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.choices import Region
from accounts.models import User
from accounts.roles import is_administrator
from elearning.date_input import DayMonthYearField
from workshops.models import Booking, Session, Workshop
from workshops.signals import AttendanceAchievement


class WorkshopFilterForm(forms.Form):
    region = forms.ChoiceField(required=False, choices=[("", "Any region"), *Region.choices])
    # Full width (of its column, on a phone the screen): a course's long title would widen the page.
    course = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Course",
        widget=forms.Select(attrs={"class": "govuk-!-width-full"}),
    )
    delivery = forms.ChoiceField(
        required=False, choices=[("", "In person or online"), *Workshop.Delivery.choices], label="How"
    )
    date_from = DayMonthYearField(required=False, label="From", help_text="For example, 3 11 2025")
    date_to = DayMonthYearField(required=False, label="To")

    def __init__(self, *args: Any, member_region: str = "", courses: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = list(Region.choices)
        if member_region:
            # The member's own region is offered first.
            regions.sort(key=lambda choice: choice[0] != member_region)
        region_field = self.fields["region"]
        course_field = self.fields["course"]
        assert isinstance(region_field, forms.ChoiceField) and isinstance(course_field, forms.ChoiceField)
        region_field.choices = [("", "Any region"), *regions]
        course_field.choices = [("", "Any course"), *courses]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return data


@dataclass
class WorkshopCard:
    workshop: Workshop
    sessions: list[Session]
    places_left: int

    @property
    def first_start(self) -> datetime:
        return self.sessions[0].starts_at


def _with_schedule(queryset: QuerySet[Workshop]) -> QuerySet[Workshop]:
    return queryset.annotate(
        first_start=Min("sessions__starts_at"),
        last_end=Max("sessions__ends_at"),
    )


def _confirmed_subquery() -> Coalesce:
    counts = (
        Booking.objects.filter(workshop=OuterRef("pk"), status=Booking.Status.CONFIRMED)
        .values("workshop")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def course_choices() -> list[tuple[int, str]]:
    """Courses with upcoming published workshops. One query."""
    rows = (
        Workshop.objects.filter(state=Workshop.State.PUBLISHED, sessions__starts_at__gt=timezone.now())
        .values_list("course_id", "course__title")
        .distinct()
        .order_by("course__title")
    )
    return list(rows)


def workshop_list_upcoming(*, filters: dict[str, Any], member_region: str = "") -> list[WorkshopCard]:
    """Published workshops that have not started, with places left; the
    member's region first, then by date. Two queries."""
    now = timezone.now()
    queryset = _with_schedule(Workshop.objects.filter(state=Workshop.State.PUBLISHED)).filter(first_start__gt=now)
    if filters.get("region"):
        queryset = queryset.filter(region=filters["region"])
    if filters.get("course"):
        queryset = queryset.filter(course_id=filters["course"])
    if filters.get("delivery"):
        queryset = queryset.filter(delivery=filters["delivery"])
    zone = timezone.get_current_timezone()
    if filters.get("date_from"):
        queryset = queryset.filter(first_start__gte=datetime.combine(filters["date_from"], time.min, tzinfo=zone))
    if filters.get("date_to"):
        end = datetime.combine(filters["date_to"] + timedelta(days=1), time.min, tzinfo=zone)
        queryset = queryset.filter(first_start__lt=end)
    queryset = queryset.annotate(
        confirmed=_confirmed_subquery(),
        own_region=Case(
            When(region=member_region or "-", then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
    ).select_related("course")
    queryset = queryset.order_by("own_region", "first_start", "pk").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))
    )
    return [
        WorkshopCard(workshop=w, sessions=list(w.sessions.all()), places_left=max(0, w.capacity - w.confirmed))
        for w in queryset
    ]


def workshops_run_by(user: User | AnonymousUser) -> QuerySet[Workshop]:
    """The workshops `user` may act on as staff: all for administrators, their own for trainers, none otherwise."""
    if not user.is_authenticated:
        return Workshop.objects.none()
    if is_administrator(user):
        return Workshop.objects.all()
    return Workshop.objects.filter(trainers=user)


def is_workshop_trainer(user: User | AnonymousUser, workshop: Workshop) -> bool:
    """Its own trainers and administrators may run a workshop."""
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    return workshop.trainers.filter(pk=user.pk).exists()


def workshop_visible(*, workshop_id: int, user: User | AnonymousUser) -> Workshop | None:
    """Published and cancelled workshops are public; a draft only to its trainers."""
    workshop = Workshop.objects.select_related("course").filter(pk=workshop_id).first()
    if workshop is None:
        return None
    if workshop.state == Workshop.State.DRAFT and not is_workshop_trainer(user, workshop):
        return None
    return workshop


def workshop_for_trainer(*, workshop_id: int, user: User | AnonymousUser) -> Workshop | None:
    workshop = Workshop.objects.select_related("course").filter(pk=workshop_id).first()
    if workshop is None or not is_workshop_trainer(user, workshop):
        return None
    return workshop


def sessions_of(workshop: Workshop) -> list[Session]:
    return list(Session.objects.filter(workshop=workshop).order_by("starts_at", "pk"))


def join_link_open(sessions: list[Session], *, now: datetime | None = None) -> bool:
    """The joining link is shown from shortly before a session until it ends."""
    now = now or timezone.now()
    lead = timedelta(minutes=settings.WORKSHOPS_JOIN_LINK_MINUTES_BEFORE)
    return any(s.starts_at - lead <= now <= s.ends_at for s in sessions)


def _position_subquery() -> Subquery:
    ahead = (
        Booking.objects.filter(workshop=OuterRef("workshop"), status=Booking.Status.WAITLISTED)
        .filter(Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")))
        .values("workshop")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Subquery(ahead, output_field=IntegerField())


@dataclass
class MemberBooking:
    booking: Booking
    sessions: list[Session]
    position: int | None = None
    join_link_open: bool = False
    can_cancel: bool = False


def member_booking(
    *, member: User | AnonymousUser, workshop: Workshop, sessions: list[Session]
) -> MemberBooking | None:
    """The member's current booking on this workshop (confirmed, waitlisted or past), if any."""
    if not member.is_authenticated:
        return None
    booking = (
        Booking.objects.filter(member=member, workshop=workshop)
        .exclude(status=Booking.Status.CANCELLED)
        .annotate(ahead=_position_subquery())
        .first()
    )
    if booking is None:
        return None
    booking.workshop = workshop
    return _member_booking(booking, sessions)


def _member_booking(booking: Booking, sessions: list[Session]) -> MemberBooking:
    now = timezone.now()
    confirmed = booking.status == Booking.Status.CONFIRMED
    return MemberBooking(
        booking=booking,
        sessions=sessions,
        position=(booking.ahead or 0) + 1 if booking.status == Booking.Status.WAITLISTED else None,  # type: ignore[attr-defined]
        join_link_open=confirmed and booking.workshop.is_online and join_link_open(sessions, now=now),
        can_cancel=confirmed and now < booking.workshop.cancellation_deadline,
    )


def my_bookings(*, member: User) -> list[MemberBooking]:
    """The member's bookings for workshops not yet over, soonest first. Two queries."""
    now = timezone.now()
    bookings = (
        Booking.objects.filter(member=member, status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITLISTED])
        .select_related("workshop")
        .annotate(last_end=Max("workshop__sessions__ends_at"), first_start=Min("workshop__sessions__starts_at"))
        .filter(last_end__gt=now)
        .annotate(ahead=_position_subquery())
        .prefetch_related(Prefetch("workshop__sessions", queryset=Session.objects.order_by("starts_at", "pk")))
        .order_by("first_start", "pk")
    )
    return [_member_booking(b, list(b.workshop.sessions.all())) for b in bookings]


def bookings_personal_data(member: User) -> list[dict[str, Any]]:
    """The member's bookings and answers, for their data download."""
    rows = Booking.objects.filter(member=member).select_related("workshop").order_by("created_at", "pk")
    return [
        {
            "workshop": booking.workshop.title,
            "status": booking.status,
            "booked_at": booking.created_at.isoformat(),
            "cancelled_at": booking.cancelled_at.isoformat() if booking.cancelled_at else None,
            "attended_at": booking.attended_at.isoformat() if booking.attended_at else None,
            "access_needs": booking.access_needs,
            "access_needs_deleted_at": booking.access_needs_deleted_at.isoformat()
            if booking.access_needs_deleted_at
            else None,
            "dietary_needs": booking.dietary_needs,
        }
        for booking in rows
    ]


@dataclass
class TrainerOverview:
    workshop: Workshop
    sessions: list[Session]
    confirmed: list[Booking] = field(default_factory=list)
    waitlisted: list[Booking] = field(default_factory=list)
    others: list[Booking] = field(default_factory=list)


def trainer_overview(*, workshop: Workshop) -> TrainerOverview:
    """Bookings and the waiting list, in order. Two queries."""
    overview = TrainerOverview(workshop=workshop, sessions=sessions_of(workshop))
    for booking in Booking.objects.filter(workshop=workshop).select_related("member").order_by("created_at", "pk"):
        if booking.status == Booking.Status.WAITLISTED:
            overview.waitlisted.append(booking)
        elif booking.status in {Booking.Status.CONFIRMED, Booking.Status.ATTENDED, Booking.Status.NO_SHOW}:
            overview.confirmed.append(booking)
        else:
            overview.others.append(booking)
    return overview


def register_rows(*, workshop: Workshop, session: Session) -> list[tuple[Booking, bool | None]]:
    """Everyone with a place, with what the register says for this session so far. Two queries."""
    bookings = list(
        Booking.objects.filter(
            workshop=workshop,
            status__in=[Booking.Status.CONFIRMED, Booking.Status.ATTENDED, Booking.Status.NO_SHOW],
        )
        .select_related("member")
        .order_by("member__full_name", "pk")
    )
    marks = dict(session.attendances.values_list("booking_id", "attended"))
    return [(booking, marks.get(booking.pk)) for booking in bookings]


def feed_sessions() -> list[Session]:
    """Sessions of published workshops from a month ago on, for the public feed. One query."""
    since = timezone.now() - timedelta(days=31)
    return list(
        Session.objects.filter(workshop__state=Workshop.State.PUBLISHED, ends_at__gte=since)
        .select_related("workshop")
        .order_by("starts_at", "pk")
    )


def attendance_achievements(*, bookings: QuerySet[Booking]) -> list[AttendanceAchievement]:
    """What each attended booking earned, as register_record reports it (the
    workshop's last session gives the date). Two queries."""
    rows = list(bookings.select_related("workshop__course").order_by("pk"))
    last_start = dict(
        Session.objects.filter(workshop_id__in={row.workshop_id for row in rows})
        .values("workshop_id")
        .annotate(last=Max("starts_at"))
        .values_list("workshop_id", "last")
    )
    return [
        AttendanceAchievement(
            member_id=row.member_id,
            workshop_id=row.workshop_id,
            workshop_title=row.workshop.title,
            course_title=row.workshop.course.title,
            cpd_hours=row.workshop.cpd_hours,
            attended_on=timezone.localdate(last_start[row.workshop_id]),
        )
        for row in rows
        if row.workshop_id in last_start
    ]


def workshops_trained_personal_data(member: User) -> list[dict[str, Any]]:
    """The workshops a member is named as a trainer on, for their data download."""
    return [
        {"workshop": workshop.title, "created_at": workshop.created_at.isoformat()}
        for workshop in Workshop.objects.filter(trainers=member).order_by("pk")
    ]
