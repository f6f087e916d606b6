"""Workshops: face-to-face (or online) runs of a course, their sessions,
bookings with a waiting list, reminder rows and attendance."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from accounts.choices import Region, Sector


class Workshop(ClusterableModel):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    class Delivery(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"

    course = models.ForeignKey("courses.CoursePage", on_delete=models.PROTECT, related_name="workshops")
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=1000)
    audience_sectors = models.JSONField(default=list, blank=True)
    region = models.CharField(max_length=32, choices=Region.choices)
    delivery = models.CharField(max_length=16, choices=Delivery.choices, default=Delivery.IN_PERSON)
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True, max_length=500)
    venue_postcode = models.CharField(max_length=10, blank=True)
    access_info = models.TextField("access information", blank=True, max_length=1000)
    map_link = models.URLField(blank=True)
    joining_link = models.URLField(
        blank=True, help_text="Online only. Shown to confirmed attendees only, shortly before each session."
    )
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(1000)])
    booking_opens_at = models.DateTimeField()
    booking_closes_at = models.DateTimeField()
    cancellation_deadline = models.DateTimeField(help_text="Attendees may cancel their place until this time.")
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="workshops_trained", blank=True)
    cpd_hours = models.DecimalField(
        "CPD hours", max_digits=4, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    # What attendees' invites last said (sessions and place), to tell a real change from a plain save.
    schedule_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="workshop_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        unknown = set(self.audience_sectors or []) - set(Sector.values)
        if unknown:
            errors["audience_sectors"] = f"Unknown sectors: {', '.join(sorted(unknown))}"
        if self.booking_opens_at and self.booking_closes_at and self.booking_closes_at <= self.booking_opens_at:
            errors["booking_closes_at"] = "Booking must close after it opens."
        if self.delivery == self.Delivery.IN_PERSON and not (self.venue_name and self.venue_postcode):
            errors["venue_name"] = "An in-person workshop needs a venue name and postcode."
        if self.delivery == self.Delivery.ONLINE and not self.joining_link:
            errors["joining_link"] = "An online workshop needs a joining link."
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self) -> bool:
        return self.delivery == self.Delivery.ONLINE

    @property
    def location_text(self) -> str:
        if self.is_online:
            return "Online (the joining link is on the workshop page shortly before it starts)"
        return ", ".join(
            part for part in [self.venue_name, self.venue_address.replace("\n", ", "), self.venue_postcode] if part
        )


class Session(Orderable):
    """One meeting of a workshop. Times are stored in UTC and shown in Europe/London."""

    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta(Orderable.Meta):
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} - {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "A session must end after it starts."})


ACTIVE_STATUSES = ["confirmed", "waitlisted", "attended", "no_show"]


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "Did not attend"

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_bookings")
    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(max_length=16, choices=Status.choices)
    access_needs = models.TextField(blank=True, max_length=1000)
    dietary_needs = models.TextField(blank=True, max_length=500)
    access_needs_deleted_at = models.DateTimeField(null=True, blank=True)
    # The waiting list is first come, first served: by created_at, then id.
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    # The calendar invite's SEQUENCE: raised every time the invite changes.
    ics_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "workshop"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="booking_one_active_per_member",
            ),
        ]
        indexes = [models.Index(fields=["workshop", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.member} - {self.workshop} ({self.get_status_display()})"

    def invite_uid(self, session_id: int) -> str:
        """Stable per booking and session, so every update replaces the same calendar entry."""
        return f"workshop-{self.workshop_id}-session-{session_id}-booking-{self.pk}@i-hop.example"


class Reminder(models.Model):
    """A reminder email due at a time. Beat hands due rows to the outbox
    (`queued_at`); the outbox's handler re-checks the booking, sends and marks
    the row sent, or marks it skipped."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    hours_before = models.PositiveIntegerField()
    due_at = models.DateTimeField()
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set instead of sent_at when the send-time check found nothing to send (cancelled, started).
    skipped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "hours_before"], name="reminder_once_per_booking_and_time"),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="reminder_pending_due",
                condition=Q(sent_at__isnull=True, skipped_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder {self.hours_before}h for {self.booking_id}"


class Attendance(models.Model):
    """The register: whether an attendee came to one session."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    attended = models.BooleanField()
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["booking", "session"], name="attendance_once_per_session")]

    def __str__(self) -> str:
        return f"{self.booking_id} at {self.session_id}: {'attended' if self.attended else 'did not attend'}"
