"""The monthly e-news: issues written in Wagtail, each sent once to every member who consented.

An issue is a page (so Wagtail's editor, revisions and preview come with it) under the e-news
listing, where members read past issues. Its body mixes what the editor writes (news items, a
featured case study) with sections filled in when it is read or sent: resources added to the
library since the last issue, and upcoming workshops, the reader's region first. Sending is an
`EnewsSend` row and one outbox item per member (enews/services.py).
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import HttpRequest, HttpResponse
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import SAFE_RICH_TEXT_FEATURES
from cms.site_cache import SkipViewRestrictionsWhenNoneExistMixin


class NewsItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=150)
    text = blocks.RichTextBlock(features=SAFE_RICH_TEXT_FEATURES)
    link = blocks.URLBlock(required=False, help_text="Optional: where to read more.")
    link_text = blocks.CharBlock(required=False, max_length=80, help_text="Say where the link goes, not 'click here'.")

    class Meta:
        icon = "doc-full"
        label = "News item"


class FeaturedCaseStudyBlock(blocks.StructBlock):
    case_study = blocks.PageChooserBlock(page_type="casestudies.CaseStudyPage")
    why = blocks.TextBlock(required=False, max_length=400, help_text="Optional: why it is worth reading now.")

    class Meta:
        icon = "user"
        label = "Featured case study"


class NewResourcesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="New in the resource library", max_length=150)

    class Meta:
        icon = "folder-open-inverse"
        label = "New resources (filled in automatically)"
        help_text = "Lists what was added to the resource library since the last issue was sent."


class UpcomingWorkshopsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Workshops coming up", max_length=150)
    only_readers_region = blocks.BooleanBlock(
        required=False, help_text="Show each reader only the workshops in their own region (otherwise theirs first)."
    )

    class Meta:
        icon = "date"
        label = "Upcoming workshops (filled in automatically)"


class EnewsBodyBlock(blocks.StreamBlock):
    news = NewsItemBlock()
    case_study = FeaturedCaseStudyBlock()
    new_resources = NewResourcesBlock()
    upcoming_workshops = UpcomingWorkshopsBlock()


class EnewsIndexPage(SkipViewRestrictionsWhenNoneExistMixin, Page):
    """/e-news/: the issues sent so far, newest first, for members to read again."""

    intro = models.TextField(blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["enews.EnewsIssuePage"]
    max_count = 1

    class Meta:
        verbose_name = "e-news listing"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from enews.selectors import issues_sent

        context = super().get_context(request, *args, **kwargs)
        context["issues"] = issues_sent()
        return context


class EnewsIssuePage(SkipViewRestrictionsWhenNoneExistMixin, Page):
    """One issue. Publishing it puts it on the site for members; sending is a separate step
    (the Send button on the page's header in the admin)."""

    intro = models.TextField(max_length=600, help_text="The opening paragraph, shown at the top of the email.")
    body = StreamField(EnewsBodyBlock(), use_json_field=True, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["enews.EnewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "e-news issue"

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Past issues are for members: a visitor signs in (or up) first, then reads it.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from enews.selectors import issue_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = issue_sections(issue=self, region=getattr(request.user, "region", ""))
        return context


class EnewsSend(models.Model):
    """The sending of one issue: when, by whom, and how far it got. The messages themselves are
    outbox items keyed "enews:<issue>:<member>", so no member gets an issue twice."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        CANCELLED = "cancelled", "Cancelled"

    issue = models.OneToOneField(EnewsIssuePage, on_delete=models.PROTECT, related_name="send")
    send_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    # Set when the worker starts it: the members targeted are those who consented at that moment,
    # and "new resources" are those added since the previous issue started.
    started_at = models.DateTimeField(null=True, blank=True)
    resources_since = models.DateTimeField(null=True, blank=True)
    targeted = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-send_at"]
        permissions = [("send_enews", "Can send an e-news issue")]

    def __str__(self) -> str:
        return f"{self.issue.title} ({self.get_state_display()})"
