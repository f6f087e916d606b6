from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from accounts.choices import Sector
from accounts.roles import staff_members
from cms.choices import Stage
from cms.site_cache import SkipViewRestrictionsWhenNoneExistMixin
from courses.blocks import ModuleBodyBlock
from courses.completion import course_completion_links
from courses.permissions import CoursePagePermissionTester
from courses.study_time import OutlineEntry, StudyTime, module_outline, module_study_time


class CourseIndexPage(SkipViewRestrictionsWhenNoneExistMixin, Page):
    """/courses/: the catalogue of published courses."""

    intro = models.TextField(blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = "course catalogue"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from courses.selectors import CatalogueFilters, course_catalogue

        context = super().get_context(request, *args, **kwargs)
        filters = CatalogueFilters.from_query(request.GET)
        context["filters"] = filters
        context["courses"] = course_catalogue(index=self, filters=filters)
        context["sector_choices"] = Sector.choices
        context["stage_choices"] = Stage.choices
        context["length_choices"] = CatalogueFilters.LENGTHS
        return context


class CoursePageForm(WagtailAdminPageForm):
    audience_sectors = forms.MultipleChoiceField(
        choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False, label="Audience sectors"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "trainers" in self.fields:  # the panel is shown to administrators only
            self.fields["trainers"].queryset = staff_members()


class CoursePage(SkipViewRestrictionsWhenNoneExistMixin, Page):
    """A course, authored once in the CMS. Everything else (enrolments,
    progress, quiz and SCORM attempts, workshops, certificates) points here."""

    summary = models.TextField(max_length=500)
    audience_sectors = models.JSONField(default=list, blank=True)
    learning_outcomes = models.TextField(help_text="One outcome per line.")
    estimated_minutes = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(6000)])
    cpd_hours = models.DecimalField(
        "CPD hours", max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    # Who runs the course besides its page's owner (courses/permissions.py); administrators set it.
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="courses_trained",
        help_text="Trainers who run this course: they edit it, mark its essays and see its reports.",
    )

    base_form_class = CoursePageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [FieldPanel("audience_sectors"), FieldPanel("estimated_minutes"), FieldPanel("cpd_hours")],
            heading="Audience and length",
        ),
        FieldPanel("trainers", permission="accounts.change_user"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = "course"

    def permissions_for_user(self, user: Any) -> CoursePagePermissionTester:
        return CoursePagePermissionTester(user, self, course_path=self.path)

    @property
    def outcomes(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def clean(self) -> None:
        super().clean()
        unknown = set(self.audience_sectors or []) - set(Sector.values)
        if unknown:
            raise ValidationError({"audience_sectors": f"Unknown sectors: {', '.join(sorted(unknown))}"})

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from courses.selectors import course_pathway

        context = super().get_context(request, *args, **kwargs)
        context["pathway"] = pathway = course_pathway(course=self, member=request.user)
        if pathway.enrolment is not None and pathway.enrolment.completed_at is not None:
            context["completion_links"] = course_completion_links(course_id=self.pk)
        return context


class ModulePage(SkipViewRestrictionsWhenNoneExistMixin, Page):
    """One step of a course, tagged with the stage of the family's journey it covers."""

    stage = models.CharField(max_length=16, choices=Stage.choices)
    estimated_minutes = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(600)])
    summary = models.CharField(max_length=300)
    required = models.BooleanField(
        "required to complete the course", default=True, help_text="Untick for optional extra reading."
    )
    body = StreamField(ModuleBodyBlock(), use_json_field=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("stage"), FieldPanel("estimated_minutes"), FieldPanel("summary"), FieldPanel("required")],
            heading="About this module",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "module"

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Modules are for enrolled members: anyone else is sent to sign in or to the course page."""
        from courses.services import module_start

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        enrolment = Enrolment.objects.filter(member=request.user, course__path=self.course_path).first()
        if enrolment is None:
            messages.info(request, "Enrol on this course to start its modules.")
            return redirect(self.get_parent().url)
        request.module_progress = module_start(enrolment=enrolment, module=self)  # type: ignore[attr-defined]
        request.enrolment = enrolment  # type: ignore[attr-defined]
        return super().serve(request, *args, **kwargs)

    def permissions_for_user(self, user: Any) -> CoursePagePermissionTester:
        return CoursePagePermissionTester(user, self, course_path=self.course_path)

    @property
    def study_time(self) -> StudyTime:
        """How long this module takes, estimated from its words and activities."""
        return module_study_time(self.body.raw_data)

    @property
    def outline(self) -> list[OutlineEntry]:
        """The module's sections for its contents list, each with its study time. Reads the
        body's blocks as the page renders them: no query of its own."""
        return module_outline(self.body)

    @property
    def course_path(self) -> str:
        """The tree path of the course this module belongs to (its parent)."""
        return self.path[: -self.steplen]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from courses.selectors import module_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            module_page_context(
                module=self,
                enrolment=getattr(request, "enrolment", None),
                progress=getattr(request, "module_progress", None),
                member=request.user,
            )
        )
        return context


class Enrolment(models.Model):
    """A member taking a course. Protects the course from deletion: a course
    with learner records can be unpublished, never deleted with its history."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="enrolments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    last_module = models.ForeignKey(ModulePage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "course"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["member", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.member} on {self.course_id}"


class ModuleProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="module_progress")
    module = models.ForeignKey(ModulePage, on_delete=models.PROTECT, related_name="progress_records")
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "module progress"
        constraints = [models.UniqueConstraint(fields=["enrolment", "module"], name="one_progress_per_module")]

    def __str__(self) -> str:
        return f"{self.enrolment} · module {self.module_id}"


class Reflection(models.Model):
    """A learner's private answer to a reflection prompt (a block in a module body)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    module = models.ForeignKey(ModulePage, on_delete=models.PROTECT, related_name="reflections")
    block_id = models.CharField(max_length=64)
    text = models.TextField(max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "module", "block_id"], name="one_reflection_per_prompt")
        ]

    def __str__(self) -> str:
        return f"Reflection by {self.member_id} on module {self.module_id}"
