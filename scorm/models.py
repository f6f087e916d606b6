"""SCORM packages: an uploaded zip, checked, then extracted by the worker."""

import uuid

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.panels import FieldPanel

from scorm.forms import PackageUploadForm


def _folder() -> str:
    return uuid.uuid4().hex


class ScormPackage(models.Model):
    class Status(models.TextChoices):
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    upload = models.FileField(
        upload_to="scorm/uploads/",
        validators=[FileExtensionValidator(["zip"])],
        help_text="The SCORM 1.2 or 2004 zip exported from your authoring tool (Articulate, Captivate, iSpring...).",
    )
    # The package's own folder in storage: scorm/packages/<folder>/. A new
    # upload gets a new folder, so learners mid-way keep the files they started with
    # until it is ready.
    folder = models.CharField(max_length=32, default=_folder, unique=True, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROCESSING, editable=False)
    failure_reason = models.TextField(blank=True, editable=False)
    # Read from the manifest; the title is shown escaped wherever it appears.
    title = models.CharField(max_length=255, blank=True, editable=False)
    version = models.CharField(max_length=20, blank=True, editable=False)
    scos = models.JSONField(default=list, editable=False)
    # The organization's whole item tree (parents and launchable items) for the contents list.
    outline = models.JSONField(default=list, editable=False)
    # SCORM 2004 sequencing as scorm-again's settings (scorm/sequencing.py); empty for SCORM 1.2.
    sequencing = models.JSONField(default=dict, editable=False)
    unpacked_bytes = models.BigIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True, editable=False)
    strict_content_policy = models.BooleanField(
        "Strict content policy",
        default=False,
        help_text=(
            "Let the package load files only from itself. By default it may also load scripts, styles, fonts, "
            "images and media from https: addresses (authoring tools load players and fonts from CDNs)."
        ),
    )

    base_form_class = PackageUploadForm
    panels = [
        FieldPanel("upload"),
        # Administrators only: what the content may load is a security decision.
        FieldPanel("strict_content_policy", permission="scorm.set_content_policy"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "SCORM package"
        permissions = [("set_content_policy", "Can choose what a SCORM package may load")]

    def __str__(self) -> str:
        # Trainers see the version too: authoring tools export one course as 1.2 and as 2004 under one title.
        if self.title and self.version:
            return f"{self.title} (SCORM {self.version})"
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title learners see."""
        return self.title or (self.upload.name or "SCORM package").rsplit("/", 1)[-1]

    @property
    def content_prefix(self) -> str:
        return f"scorm/packages/{self.folder}/"

    @property
    def report_link(self) -> str:
        if not self.pk:
            return ""
        return format_html('<a href="{}">Report</a>', reverse("scorm_admin:report", args=[self.pk]))

    @property
    def course_link(self) -> str:
        if not self.pk or self.status != self.Status.READY:
            return ""
        return format_html('<a href="{}">Make a course</a>', reverse("scorm_admin:course_create", args=[self.pk]))

    @property
    def state_summary(self) -> str:
        if self.status == self.Status.READY:
            count = len(self.scos)
            return f"Ready: {self.title} (SCORM {self.version}, {count} SCO{'s' if count != 1 else ''})"
        if self.status == self.Status.FAILED:
            return f"Failed: {self.failure_reason}"
        return "Processing"


class ScormAttempt(models.Model):
    """One learner's attempt at a package placed in a module.

    `cmi` holds, per SCO (keyed by its item identifier), the whole CMI as the
    runtime last committed it, that commit's sequence number, each session's
    time and the SCO's statuses; the columns hold the attempt's status and
    score rolled up from all SCOs, for the gate and the trainer report.
    `sequence` is the newest commit number of any SCO (it says which SCO the
    learner was last in); staleness is judged per SCO.
    """

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorm_attempts")
    package = models.ForeignKey(ScormPackage, on_delete=models.PROTECT, related_name="attempts")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(default=1)
    cmi = models.JSONField(default=dict)
    sequence = models.PositiveBigIntegerField(default=0)
    completion_status = models.CharField(max_length=20, default="not attempted")
    success_status = models.CharField(max_length=20, default="unknown")
    score_raw = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    total_seconds = models.PositiveIntegerField(default=0)
    location = models.CharField(max_length=1000, blank=True)
    # The SCO of the newest commit: where the learner left, and where they resume.
    last_sco = models.CharField(max_length=255, blank=True)
    # SCORM 2004 sequencing: scorm-again's serialized state of the newest commit
    # (current or suspended activity, attempt counts, objectives), restored by the next page.
    sequencing_state = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["member_id", "package_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["member", "package", "module", "number"], name="scorm_attempt_unique")
        ]
        verbose_name = "SCORM attempt"

    def __str__(self) -> str:
        return f"Attempt {self.number} at {self.package}"


class ScormGlobalObjective(models.Model):
    """A SCORM 2004 global objective of one learner: what the packages that write it
    (`mapInfo` with a write flag) last wrote, handed to every package that maps the same
    `objective_id`, whichever package or attempt, as the standard's global objectives are
    global to the learner. `state` is scorm-again's entry of its global objective map
    (satisfiedStatus, normalizedMeasure, completionStatus... each with its ...Known flag)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    objective_id = models.CharField(max_length=1000)
    state = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "objective_id"], name="scorm_global_objective_unique")]
        verbose_name = "SCORM global objective"

    def __str__(self) -> str:
        return self.objective_id
