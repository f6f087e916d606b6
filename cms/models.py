from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import SAFE_RICH_TEXT_FEATURES, PageBodyBlock


class HomePage(Page):
    """The site's root page: what the platform is and where to start."""

    strapline = models.CharField(max_length=200, blank=True)
    intro = RichTextField(features=SAFE_RICH_TEXT_FEATURES, blank=True)
    body = StreamField(PageBodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("strapline"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(Page):
    """An ordinary page of the site, such as About or Contact."""

    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(PageBodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]


@register_setting(icon="help")
class SiteSettings(BaseSiteSetting):
    """Contact details shown in every page's footer."""

    helpline_name = models.CharField(max_length=120, default="i-HOP helpline")
    helpline_phone = models.CharField(max_length=40, blank=True)
    helpline_hours = models.CharField(max_length=120, blank=True, help_text="For example: Monday to Friday, 9am to 5pm")
    contact_email = models.EmailField(blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("helpline_name"),
                FieldPanel("helpline_phone"),
                FieldPanel("helpline_hours"),
                FieldPanel("contact_email"),
            ],
            heading="Helpline and contact",
        )
    ]

    class Meta:
        verbose_name = "site settings"
