"""The eight i-HOP Quality Statements (edited in the CMS) and the services'
self-assessments against them: team, invitations, responses, action plan."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from accounts.choices import Region, Sector
from accounts.validators import validate_printable_text
from cms.blocks import SAFE_RICH_TEXT_FEATURES
from quality.choices import ActionStatus, AssessmentStatus, Rating, TeamRole


class QualityStatement(ClusterableModel):
    """One of the eight statements: what it asks of a service, what good
    looks like at each level, the checklist a service ticks, and where to learn more."""

    number = models.PositiveSmallIntegerField(unique=True, help_text="Its place in the list of statements (1 to 8).")
    title = models.CharField(max_length=120, unique=True, validators=[validate_printable_text])
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(max_length=400, help_text="One or two sentences, shown in lists and on the PDF.")
    description = RichTextField(features=SAFE_RICH_TEXT_FEATURES)
    level_not_started = models.TextField("not started", max_length=800)
    level_developing = models.TextField("developing", max_length=800)
    level_established = models.TextField("established", max_length=800)
    level_embedded = models.TextField("embedded", max_length=800)

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("level_not_started"),
                FieldPanel("level_developing"),
                FieldPanel("level_established"),
                FieldPanel("level_embedded"),
            ],
            heading="What good looks like at each level",
        ),
        InlinePanel("checklist_items", heading="Checklist", label="Checklist item", min_num=1),
        InlinePanel("module_links", heading="Linked modules", label="Module"),
        InlinePanel("resource_links", heading="Resources", label="Resource"),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = "quality statement"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def level_descriptions(self) -> list[tuple[int, str, str]]:
        """(rating, label, what good looks like) for each level, lowest first."""
        texts = [self.level_not_started, self.level_developing, self.level_established, self.level_embedded]
        return [(rating.value, rating.label, text) for rating, text in zip(Rating, texts, strict=True)]


class StatementChecklistItem(Orderable):
    """Something a service can tick as met; when it is not, it is a suggested action."""

    statement = ParentalKey(QualityStatement, on_delete=models.CASCADE, related_name="checklist_items")
    text = models.CharField(max_length=300, validators=[validate_printable_text])
    suggested_action = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_printable_text],
        help_text="The action offered for the plan while this is not met (if blank, the item itself).",
    )

    panels = [FieldPanel("text"), FieldPanel("suggested_action")]

    def __str__(self) -> str:
        return self.text

    @property
    def action_text(self) -> str:
        return self.suggested_action or self.text


class StatementModuleLink(Orderable):
    statement = ParentalKey(QualityStatement, on_delete=models.CASCADE, related_name="module_links")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", ["courses.ModulePage", "courses.CoursePage"])]


class StatementResourceLink(Orderable):
    statement = ParentalKey(QualityStatement, on_delete=models.CASCADE, related_name="resource_links")
    resource = models.ForeignKey("cms.Resource", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("resource")]


class Assessment(models.Model):
    """A service's or team's self-assessment against the statements, at one point in time."""

    organisation = models.CharField(max_length=200, validators=[validate_printable_text])
    team_name = models.CharField("team or service", max_length=200, validators=[validate_printable_text])
    sector = models.CharField(max_length=32, choices=Sector.choices)
    region = models.CharField(max_length=32, choices=Region.choices)
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS)
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    # The assessment this one was started from, to show progress over time.
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_up")

    class Meta:
        ordering = ["-started_at"]
        permissions = [("view_quality_aggregate", "Can see aggregate quality ratings")]
        indexes = [models.Index(fields=["status", "region"]), models.Index(fields=["status", "sector"])]

    def __str__(self) -> str:
        return f"{self.team_name}, {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status == AssessmentStatus.IN_PROGRESS


class TeamMembership(models.Model):
    """A member's place on an assessment's team. Deleted with the member: the
    assessment stays with the rest of the team."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quality_memberships")
    role = models.CharField(max_length=20, choices=TeamRole.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "member"], name="quality_one_membership")]
        ordering = ["joined_at"]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_role_display()})"


class Invitation(models.Model):
    """An emailed invitation to join a team. Only the SHA-256 of its token is
    kept, so the database alone cannot be used to accept it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitations")
    # Cleared once accepted (the membership records who joined), so an erased
    # member's address does not outlive them here.
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=20, choices=TeamRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(Lower("email"), name="quality_invitation_email")]

    def __str__(self) -> str:
        return f"Invitation to {self.email or 'a member'} ({self.get_role_display()})"


class StatementResponse(models.Model):
    """The team's answer for one statement. `version` goes up by one on every
    save; a save names the version it started from, so two people editing at
    once never overwrite each other unseen."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    statement = models.ForeignKey(QualityStatement, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    evidence = models.TextField(blank=True, max_length=5000)
    met_items = models.ManyToManyField(StatementChecklistItem, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "statement"], name="quality_one_response_per_statement")
        ]

    def __str__(self) -> str:
        return f"Response to statement {self.statement_id} (version {self.version})"


class Action(models.Model):
    """A step in the team's action plan, from a checklist item or their own."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    statement = models.ForeignKey(QualityStatement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_item = models.ForeignKey(
        StatementChecklistItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=300, validators=[validate_printable_text])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="quality_actions"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.TO_DO)
    remind_before_due = models.BooleanField(default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [models.Index(fields=["owner", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title
