from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone

from accounts.choices import Region, Role, Sector
from accounts.managers import UserManager
from accounts.roles import role_of
from accounts.validators import validate_printable_text


class User(AbstractBaseUser, PermissionsMixin):
    """A member. Email is the sign-in name; the profile lives on the same row
    because every page that shows a member needs it."""

    email = models.EmailField("email address", unique=True, max_length=254)
    full_name = models.CharField(max_length=150, validators=[validate_printable_text])
    organisation = models.CharField(max_length=200, blank=True, validators=[validate_printable_text])
    job_role = models.CharField("job role", max_length=150, blank=True, validators=[validate_printable_text])
    sector = models.CharField(max_length=32, choices=Sector.choices, blank=True)
    region = models.CharField(max_length=32, choices=Region.choices, blank=True)
    # Consent to the monthly e-news: when it was given, or null for no consent.
    enews_consent_at = models.DateTimeField("e-news consent given at", null=True, blank=True)

    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = "member"
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def enews_consent(self) -> bool:
        return self.enews_consent_at is not None

    @property
    def role(self) -> Role:
        """The highest role the member holds (groups are the source of truth)."""
        return role_of(self)


class EnewsConsentChange(models.Model):
    """One change to a member's e-news consent: given or withdrawn, when and by which route. The
    member's current consent is `User.enews_consent_at`; this is its history, for their data export
    and for each issue's "unsubscribed from it" figure."""

    class Route(models.TextChoices):
        SIGN_UP = "sign-up", "Sign-up form"
        PROFILE = "profile", "Profile page"
        UNSUBSCRIBE_LINK = "unsubscribe-link", "Unsubscribe link in an e-news email"

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enews_consent_changes")
    given = models.BooleanField()
    route = models.CharField(max_length=20, choices=Route.choices)
    # What the change came from, where it came from an email: "enews-issue:<page id>".
    reference = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["reference"], name="enews_consent_reference")]

    def __str__(self) -> str:
        return f"{'Given' if self.given else 'Withdrawn'} by {self.get_route_display().lower()}"
