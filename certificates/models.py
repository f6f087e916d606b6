"""Certificates, the templates they are printed from, and per-course settings.

A certificate is a snapshot: it keeps what it says (name as printed, title,
CPD hours, dates, issuer) so later edits to a course or a profile never change
a certificate someone has already shown to an employer.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from certificates.codes import code_display

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give a colour as # and six hexadecimal digits, like #1d4f91.")


def certificate_storage() -> Storage:
    """PDFs are private: kept in their own storage, served only to their owner."""
    return storages["certificates"]


class CertificateTemplate(PreviewableMixin, models.Model):
    """How a certificate looks: edited by trainers and administrators in Wagtail."""

    name = models.CharField(max_length=100, unique=True, help_text="For choosing this template; not printed.")
    title = models.CharField(max_length=100, default="Certificate of completion")
    wording = models.TextField(
        max_length=600,
        default="has completed the course",
        help_text="Printed between the learner's name and the achievement. Plain text.",
    )
    attendance_title = models.CharField(max_length=100, default="Certificate of attendance")
    attendance_wording = models.TextField(
        max_length=600, default="attended the workshop", help_text="The wording for workshop certificates."
    )
    signatory_name = models.CharField(max_length=100, blank=True)
    signatory_role = models.CharField(max_length=100, blank=True)
    signature_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The site's own purple and green (static/css/site.css: --brand, --accent).
    primary_colour = models.CharField(max_length=7, default="#4b2a7b", validators=[hex_colour])
    accent_colour = models.CharField(max_length=7, default="#0b6b5a", validators=[hex_colour])
    is_default = models.BooleanField(
        default=False, help_text="Used for workshops, and for courses that do not choose a template."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("is_default"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("wording"),
                FieldPanel("attendance_title"),
                FieldPanel("attendance_wording"),
            ],
            heading="Wording",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_role")]),
                FieldPanel("signature_image"),
            ],
            heading="Signatory",
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")])],
            heading="Look",
        ),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_template")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        return [("course", "Course certificate"), ("workshop", "Workshop certificate")]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        """The template printed with a sample learner, as the PDF it will be."""
        from certificates.render import certificate_pdf, sample_content, template_look

        pdf = certificate_pdf(sample_content(), template_look(self, attendance=mode_name == "workshop"))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="certificate-preview.pdf"'
        return response


class CourseCertificateSettings(models.Model):
    """Per-course choices kept here, so `courses` knows nothing of certificates."""

    course = models.OneToOneField("courses.CoursePage", on_delete=models.CASCADE, related_name="+", unique=True)
    template = models.ForeignKey(CertificateTemplate, null=True, blank=True, on_delete=models.SET_NULL)
    expiry_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for certificates that never expire."
    )

    panels = [FieldPanel("course"), FieldPanel("template"), FieldPanel("expiry_months")]

    class Meta:
        verbose_name = "course certificate settings"
        verbose_name_plural = "course certificate settings"

    def __str__(self) -> str:
        return f"Certificates for {self.course}"

    def clean(self) -> None:
        if self.expiry_months is not None and not 1 <= self.expiry_months <= 120:
            raise ValidationError({"expiry_months": "Choose between 1 and 120 months, or leave it empty."})


class Certificate(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", "Course completed"
        WORKSHOP = "workshop", "Workshop attended"

    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        REVOKED = "revoked", "Revoked"
        SUPERSEDED = "superseded", "Superseded by a reissue"

    # Erasing an account erases its certificates (CASCADE): see docs/certificates.md.
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    achievement_id = models.PositiveBigIntegerField(help_text="The course page's id, or the workshop's id.")
    code = models.CharField(max_length=16, unique=True, editable=False)

    name_printed = models.CharField(max_length=150, blank=True)
    title = models.CharField(max_length=255)
    course_title = models.CharField(max_length=255, blank=True)
    cpd_hours = models.DecimalField(max_digits=5, decimal_places=1)
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    issuer = models.CharField(max_length=150)
    template = models.ForeignKey(CertificateTemplate, null=True, blank=True, on_delete=models.SET_NULL)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VALID)
    revoked_reason = models.CharField(max_length=500, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    superseded_at = models.DateTimeField(null=True, blank=True)

    pdf = models.FileField(storage=certificate_storage, upload_to="pdf/", blank=True)
    credential_jwt = models.TextField(blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            # One live certificate per learner per achievement; a reissue supersedes the old row first.
            models.UniqueConstraint(
                fields=["member", "kind", "achievement_id"],
                condition=~Q(status="superseded"),
                name="one_certificate_per_member_achievement",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.code_display})"

    @property
    def code_display(self) -> str:
        return code_display(self.code)

    def is_expired(self, today: date | None = None) -> bool:
        return self.expires_on is not None and self.expires_on < (today or timezone.localdate())

    @property
    def verify_path(self) -> str:
        return f"/verify/{self.code_display}/"

    @property
    def verify_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.verify_path
