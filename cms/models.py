import unicodedata
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from accounts.choices import Sector
from accounts.validators import validate_printable_text
from cms.blocks import SAFE_RICH_TEXT_FEATURES, PageBodyBlock
from cms.choices import COVERAGE_CHOICES, NATIONAL, NATIONS, Audience, ResourceType, Stage
from cms.forms import OrganisationForm, ResourceForm
from cms.middleware import for_all_visitors
from cms.routing import DirectRoutingMixin
from cms.site_cache import SkipViewRestrictionsWhenNoneExistMixin, content_cached


class HomePage(DirectRoutingMixin, SkipViewRestrictionsWhenNoneExistMixin, Page):
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


class StandardPage(SkipViewRestrictionsWhenNoneExistMixin, Page):
    """An ordinary page of the site, such as About or Contact."""

    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(PageBodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]


@register_setting(icon="help")
class SiteSettings(BaseSiteSetting):
    """Contact details shown in every page's footer.

    Two lines, each labelled with who it is for: i-HOP's helpline is for
    professionals; families are pointed to the national families' helpline.
    """

    helpline_name = models.CharField(max_length=120, default="i-HOP helpline for professionals")
    helpline_phone = models.CharField(max_length=40, blank=True)
    helpline_hours = models.CharField(max_length=120, blank=True, help_text="For example: Monday to Friday, 9am to 5pm")
    families_helpline_name = models.CharField(
        max_length=120, blank=True, help_text="The helpline for families of prisoners, shown labelled as such."
    )
    families_helpline_phone = models.CharField(max_length=40, blank=True)
    families_helpline_hours = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    # Pages, not text here, so editors write them with the page editor and their history;
    # linked from every footer and from sign-up (where personal data is collected).
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("helpline_name"),
                FieldPanel("helpline_phone"),
                FieldPanel("helpline_hours"),
                FieldPanel("contact_email"),
            ],
            heading="Helpline for professionals and contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("families_helpline_name"),
                FieldPanel("families_helpline_phone"),
                FieldPanel("families_helpline_hours"),
            ],
            heading="Helpline for families",
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_statement"), FieldPanel("privacy_notice")],
            heading="Linked from every page's footer",
        ),
    ]

    class Meta:
        verbose_name = "site settings"


# Links people follow from the library: web pages only, never javascript:,
# data: or ftp: addresses.
WEB_ADDRESS = URLValidator(schemes=["http", "https"], message="Enter a web address starting with https:// or http://")


def _validate_choice_list(value: object, *, allowed: Iterable[str], what: str) -> None:
    # Codes of our own: Django replaces the message of a validator error whose
    # code matches one of the field's ("invalid", "invalid_choice") with its own.
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(f"Choose {what}s from the list.", code="not_a_list")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise ValidationError(f"Unknown {what}: {', '.join(unknown)}.", code="unknown_choice")


# Named module-level functions so that migrations can refer to them.
def validate_sectors(value: object) -> None:
    _validate_choice_list(value, allowed=Sector.values, what="sector")


def validate_stages(value: object) -> None:
    _validate_choice_list(value, allowed=Stage.values, what="stage")


def validate_audiences(value: object) -> None:
    _validate_choice_list(value, allowed=Audience.values, what="audience")


OTHER_LETTER = "#"


def name_letter(name: str) -> str:
    """The A to Z heading a name files under: its first letter without accents, or #
    for a name starting with a digit or symbol."""
    first = next((char for char in unicodedata.normalize("NFKD", name) if char.isalnum()), "").upper()
    return first if "A" <= first <= "Z" else OTHER_LETTER


class SearchableQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """Adds Wagtail's `.search()` to a model's queryset, as pages have it."""


class Organisation(index.Indexed, models.Model):
    """Someone who offers services or publishes resources for prisoners' children
    and families. Listed in the organisations directory with how to contact them."""

    name = models.CharField(max_length=200, unique=True, validators=[validate_printable_text])
    description = models.TextField(max_length=1000, help_text="What the organisation does, in a few sentences.")
    website = models.URLField(max_length=500, blank=True, validators=[WEB_ADDRESS])
    phone = models.CharField(max_length=40, blank=True, validators=[validate_printable_text])
    email = models.EmailField(blank=True)
    coverage = models.CharField(
        max_length=20, choices=COVERAGE_CHOICES, default=NATIONAL, help_text="Where the organisation works."
    )
    serves = models.JSONField(
        default=list, blank=True, validators=[validate_audiences], help_text="Who its services are for."
    )

    objects = SearchableQuerySet.as_manager()

    base_form_class = OrganisationForm
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("coverage"),
        FieldPanel("serves"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("phone"), FieldPanel("email")],
            heading="How to contact them",
        ),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("coverage"),
    ]

    class Meta:
        ordering = [Lower("name")]

    def __str__(self) -> str:
        return self.name

    @property
    def letter(self) -> str:
        return name_letter(self.name)

    @property
    def nation(self) -> str:
        """Scotland or Northern Ireland for a service that works only there, else ""."""
        return self.get_coverage_display() if self.coverage in NATIONS else ""

    @property
    def serves_labels(self) -> list[str]:
        return [Audience(value).label for value in self.serves if value in Audience.values]


class Resource(index.Indexed, models.Model):
    """One entry in the resource library ("online filing cabinet"): a service,
    publication or tool, tagged so that people can find what fits their sector,
    the family's stage and their area."""

    title = models.CharField(max_length=200, validators=[validate_printable_text])
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="resources")
    summary = models.TextField(max_length=1000, help_text="What it is and who it helps, in a few sentences.")
    resource_type = models.CharField("type", max_length=30, choices=ResourceType.choices)
    # Lists of choice values rather than join tables: a resource has a few of
    # each, they are only ever read whole, and the library counts them in Python.
    sectors = models.JSONField(default=list, validators=[validate_sectors], help_text="Who it is for.")
    stages = models.JSONField(
        default=list, validators=[validate_stages], help_text="Which stages of a family's journey it helps with."
    )
    coverage = models.CharField(
        max_length=20, choices=COVERAGE_CHOICES, default=NATIONAL, help_text="Where it is available."
    )
    url = models.URLField("web address", max_length=500, blank=True, validators=[WEB_ADDRESS])
    document = models.ForeignKey(
        get_document_model_string(), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When it joined the library: the e-news lists what is new since its last issue.
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SearchableQuerySet.as_manager()

    base_form_class = ResourceForm
    panels = [
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("summary"),
        FieldPanel("resource_type"),
        MultiFieldPanel(
            [FieldPanel("sectors"), FieldPanel("stages"), FieldPanel("coverage")],
            heading="Who, when and where it is for",
        ),
        MultiFieldPanel(
            [FieldPanel("url"), FieldPanel("document")],
            heading="Where to find it",
            help_text=(
                "A web address, a document, both or neither: without either, the library sends people to the "
                "organisation's entry in the directory, with its contact details."
            ),
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("resource_type"),
        index.FilterField("coverage"),
        index.FilterField("organisation"),
    ]

    class Meta:
        ordering = [Lower("title")]

    def __str__(self) -> str:
        return self.title

    @property
    def sector_labels(self) -> list[str]:
        return [Sector(value).label for value in self.sectors if value in Sector.values]

    @property
    def stage_labels(self) -> list[str]:
        return [Stage(value).label for value in self.stages if value in Stage.values]


class ResourceIndexPage(RoutablePageMixin, SkipViewRestrictionsWhenNoneExistMixin, Page):
    """/resources/: the resource library, with search and filters, and the
    organisations directory at /resources/organisations/."""

    intro = models.TextField(blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "resource library"

    def organisations_url(self, request: HttpRequest) -> str:
        return f"{self.get_url(request=request)}{self.reverse_subpage('organisation_directory')}"

    @path("")
    def resource_list(self, request: HttpRequest) -> HttpResponse:
        from cms.selectors import SearchFilters, resource_library

        filters = SearchFilters.from_query(request.GET)
        context: dict[str, Any] = {
            "filters": filters,
            "library": resource_library(filters=filters, page_number=request.GET.get("page")),
            "organisations_url": self.organisations_url(request),
        }
        return self.render(request, context_overrides=context)

    @path("organisations/")
    def organisation_directory(self, request: HttpRequest) -> HttpResponse:
        from cms.selectors import DIRECTORY_FACETS, SearchFilters, directory_letter, services_directory

        filters = SearchFilters.from_query(request.GET, facets=DIRECTORY_FACETS)
        letter = directory_letter(request.GET)
        directory_url = self.organisations_url(request)

        def listing_render() -> str:
            context = {
                "filters": filters,
                "directory": services_directory(filters=filters, letter=letter, page_number=request.GET.get("page")),
                "directory_url": directory_url,
            }
            return render_to_string("cms/includes/directory_listing.html", context, request=request)

        # Counting the facets reads every organisation and resource, and the page of cards is most
        # of the time spent rendering; both are the same for everyone asking this address, so the
        # rendered listing is kept until an organisation or resource changes (cms.apps).
        address = (request.get_host(), sorted(request.GET.lists()))
        context = {
            "filters": filters,
            "letter": letter,
            "listing": mark_safe(content_cached("directory-listing", address, listing_render)),  # noqa: S308 - our template's output
            "library_url": self.get_url(request=request),
        }
        page = self.render(request, context_overrides=context, template="cms/organisation_directory.html")
        return for_all_visitors(page)  # the same for everyone not signed in: kept whole for them
