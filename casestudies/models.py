"""Case studies for members: practice examples written up as Wagtail pages.

Anyone can see a case study's title, summary and what it is about (sector,
stage, area, organisation, Quality Statements); only signed-in members read the
body. The body is never indexed for search, so no search (the site's or the
listing's) can reveal words from it to a visitor.
"""

from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.choices import Sector
from cms.blocks import PageBodyBlock
from cms.choices import COVERAGE_CHOICES, NATIONAL, Stage
from cms.site_cache import SkipViewRestrictionsWhenNoneExistMixin


class CaseStudyIndexPage(SkipViewRestrictionsWhenNoneExistMixin, Page):
    """/case-studies/: every case study, with search and facets."""

    intro = models.TextField(blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = "case studies listing"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from casestudies.selectors import case_study_facets, case_study_listing
        from cms.selectors import SearchFilters

        context = super().get_context(request, *args, **kwargs)
        facets = case_study_facets()
        filters = SearchFilters.from_query(request.GET, facets=facets)
        context["filters"] = filters
        context["listing"] = case_study_listing(filters=filters, facets=facets, page_number=request.GET.get("page"))
        return context


class CaseStudyPage(SkipViewRestrictionsWhenNoneExistMixin, Page):
    """One practice example: what was done, by whom, where, and what it shows."""

    summary = models.TextField(max_length=500, help_text="Shown to everyone, signed in or not, and in search results.")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    stage = models.CharField("stage of the family's journey", max_length=20, choices=Stage.choices)
    region = models.CharField("area", max_length=20, choices=COVERAGE_CHOICES, default=NATIONAL)
    organisation = models.ForeignKey(
        "cms.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # By model name, not import: quality builds on cms and courses and nothing imports it.
    quality_statements = ParentalManyToManyField(
        "quality.QualityStatement", blank=True, related_name="case_studies", verbose_name="Quality Statements shown"
    )
    body = StreamField(PageBodyBlock(), use_json_field=True, help_text="For signed-in members only.")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("sector"), FieldPanel("stage"), FieldPanel("region"), FieldPanel("organisation")],
            heading="What it is about",
        ),
        FieldPanel("quality_statements", widget=forms.CheckboxSelectMultiple),
        InlinePanel("resource_links", heading="Resources in the library it draws on", label="Resource"),
        FieldPanel("body"),
    ]
    # Title and summary only: the body is for members, and an index of it would
    # let a visitor's search confirm what it says.
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["member_can_read"] = request.user.is_authenticated
        context["statements"] = list(self.quality_statements.order_by("number"))
        return context


class CaseStudyResource(Orderable):
    """A resource in the library that a case study draws on; the library links
    back to the case study. An inline rather than a many-to-many field because
    resources are ordered by a database function, which modelcluster cannot
    sort in memory."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="resource_links")
    resource = models.ForeignKey("cms.Resource", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("resource")]

    class Meta(Orderable.Meta):
        verbose_name = "resource"
