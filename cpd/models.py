"""A learner's CPD from elsewhere, and their evaluation of a course or workshop.

Courses completed and workshops attended are not copied here: the CPD record
reads them where they live (enrolments, bookings, certificates), so it always
agrees with them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from accounts.choices import Region, Sector
from accounts.validators import validate_printable_text

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class ExternalCpdEntry(models.Model):
    """CPD a learner did elsewhere and records here (a conference, another provider's course)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_cpd")
    title = models.CharField(max_length=200, validators=[validate_printable_text])
    done_on = models.DateField("date")
    hours = models.DecimalField(
        "CPD hours",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("100"))],
    )
    note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "CPD entry from elsewhere"
        verbose_name_plural = "CPD entries from elsewhere"
        ordering = ["-done_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=100), name="external_cpd_hours_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.hours} h)"


class Evaluation(models.Model):
    """One learner's evaluation of a course they completed or a workshop they attended.

    `course` is always set (a workshop's evaluation names the workshop's course, whose
    learning outcomes it rates); `workshop` only for a workshop. The member's sector and
    region are kept as they were when they answered, so the aggregate reads one table
    and a later profile edit does not move an old answer between groups."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluations")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.PROTECT, related_name="+")
    workshop = models.ForeignKey(
        "workshops.Workshop", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sector = models.CharField(max_length=32, choices=Sector.choices, blank=True)
    region = models.CharField(max_length=32, choices=Region.choices, blank=True)
    usefulness = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    will_do_differently = models.TextField("what you will do differently", max_length=2000, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "course"], condition=Q(workshop__isnull=True), name="one_evaluation_per_course"
            ),
            models.UniqueConstraint(
                fields=["member", "workshop"],
                condition=Q(workshop__isnull=False),
                name="one_evaluation_per_workshop",
            ),
            models.CheckConstraint(
                condition=Q(usefulness__isnull=True) | Q(usefulness__gte=1, usefulness__lte=5),
                name="evaluation_usefulness_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluation {self.pk} of course {self.course_id}"


class OutcomeRating(models.Model):
    """Confidence against one learning outcome, before and after (1 to 5, either may be left out).
    The outcome's text is kept as it was asked, so a later edit of the course's outcomes
    does not relabel old answers."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    position = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=500)
    before = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    after = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)

    class Meta:
        ordering = ["evaluation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "position"], name="one_rating_per_outcome"),
            models.CheckConstraint(
                condition=(Q(before__isnull=True) | Q(before__gte=1, before__lte=5))
                & (Q(after__isnull=True) | Q(after__gte=1, after__lte=5)),
                name="outcome_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.before} to {self.after}"
