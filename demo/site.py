"""Demo site content: home page text, helpline, an About page, and the
resource library with its organisations and resources."""

from django.db import transaction
from wagtail.models import Site

from cms.models import HomePage, Organisation, Resource, ResourceIndexPage, SiteSettings, StandardPage
from demo.library_content import ORGANISATION_SERVES, ORGANISATIONS, RESOURCES
from demo.policies import ACCESSIBILITY_BODY, ACCESSIBILITY_INTRO, PRIVACY_BODY, PRIVACY_INTRO

HOME_INTRO = (
    "<p>Every year around 200,000 children in England and Wales see a parent sent to prison. "
    "Teachers, health visitors, social workers, police, prison and probation staff meet these "
    "children every day, often without knowing what they are going through or what would help.</p>"
    "<p>This free platform gives you short online modules, knowledge checks, a library of "
    "resources and face-to-face workshops, so you can recognise these children and support them well.</p>"
)
HOME_BODY = [
    {
        "type": "fact",
        "value": {
            "figure": "200,000",
            "statement": (
                "children a year are estimated to experience the imprisonment of a parent in England and Wales."
            ),
            "source": (
                "Barnardo's and POPS, i-HOP leaflets for prisons and for health professionals, and the i-HOP "
                "Quality Statements and Toolkit (an estimate; these children are not officially counted)"
            ),
        },
    },
    {
        "type": "fact",
        "value": {
            "figure": "39%",
            "statement": (
                "less likely to reoffend: prisoners who received family visits, compared with those who did not."
            ),
            "source": "May, Sharma and Stewart, Factors linked to reoffending, Ministry of Justice, 2008",
        },
    },
    {
        "type": "call_to_action",
        "value": {
            "heading": "Start learning today",
            "text": "Create a free account to follow a family's journey from arrest to release and earn CPD hours.",
            "link_text": "Create your free account",
            "link_url": "/account/signup/",
        },
    },
]
ABOUT_BODY = [
    {
        "type": "text",
        "value": (
            "<p>i-HOP is a national information and support service for professionals who work with the "
            "children and families of people in prison. It is delivered by Barnardo's in partnership with "
            "POPS (Partners of Prisoners and Families Support Group) and funded by the Department for Education.</p>"
            "<p>This platform brings i-HOP's training online: modules you can take on a phone between visits, "
            "regional workshops, and certificates with CPD hours.</p>"
        ),
    },
]


LIBRARY_INTRO = (
    "Services, guidance, research, policy and training about the children and families of prisoners, "
    "and materials to share with families. Search, or narrow the list by sector, stage and area."
)


def demo_library_seed(*, home: HomePage) -> ResourceIndexPage:
    """The resource library page, its organisations and their resources.

    Where the seeds give a resource no address of its own, it links to its
    organisation's website; where they give neither, it has no link rather than
    an invented one, and the library sends people to its organisation's entry in
    the directory. Organisations not in ORGANISATION_SERVES serve professionals.
    """
    library = ResourceIndexPage.objects.first()
    if library is None:
        library = ResourceIndexPage(title="Resource library", slug="resources", intro=LIBRARY_INTRO, show_in_menus=True)
        home.add_child(instance=library)
        library.save_revision().publish()

    organisations: dict[str, Organisation] = {}
    for entry in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=entry["name"],
            defaults={
                **{key: value for key, value in entry.items() if key != "name"},
                "serves": ORGANISATION_SERVES.get(entry["name"], ["professionals"]),
            },
        )
        organisations[organisation.name] = organisation

    for entry in RESOURCES:
        organisation = organisations[entry["organisation"]]
        url = entry["url"] or organisation.website
        fields = {key: value for key, value in entry.items() if key not in {"title", "organisation", "url"}}
        Resource.objects.get_or_create(
            title=entry["title"], defaults={**fields, "organisation": organisation, "url": url}
        )
    return library


# From the seeds: i-HOP's leaflet for prisons gives its professionals' line and hours;
# SCIE Guide 22 (2008) gives the national families' helpline, run by Action for
# Prisoners' Families with Ormiston and POPS (no hours given there).
PROFESSIONALS_HELPLINE = {
    "helpline_name": "i-HOP helpline for professionals",
    "helpline_phone": "0808 802 2013",
    "helpline_hours": "Monday to Friday, 9am to 5pm",
}
FAMILIES_HELPLINE = {
    "families_helpline_name": "National Prisoners' Families Helpline",
    "families_helpline_phone": "0808 808 2003",
}
# Earlier demo seeds put the families' number in the professionals' line; put right what they wrote.
EARLIER_DEMO_PHONE = "0808 808 2003"


def demo_helplines_seed(*, site: Site) -> SiteSettings:
    """Fill the helplines where they are empty (or still hold the earlier seed's mistake);
    never overwrite what an administrator has entered."""
    settings = SiteSettings.for_site(site)
    changed = False
    if settings.helpline_phone in ("", EARLIER_DEMO_PHONE):
        for field, value in PROFESSIONALS_HELPLINE.items():
            setattr(settings, field, value)
        changed = True
    if not settings.families_helpline_phone:
        for field, value in FAMILIES_HELPLINE.items():
            setattr(settings, field, value)
        changed = True
    if not settings.contact_email:
        settings.contact_email = "ihop@example.org"
        changed = True
    if changed:
        settings.save()
    return settings


@transaction.atomic
def demo_site_seed() -> HomePage:
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    if not home.intro:
        home.strapline = "Free training for the professionals who meet children of prisoners"
        home.intro = HOME_INTRO
        home.body = HOME_BODY
        home.save_revision().publish()
    demo_helplines_seed(site=site)
    if not StandardPage.objects.filter(slug="about").exists():
        about = StandardPage(
            title="About i-HOP",
            slug="about",
            intro="Who we are and why this training exists.",
            body=ABOUT_BODY,
            show_in_menus=True,
        )
        home.add_child(instance=about)
        about.save_revision().publish()
    demo_policy_pages_seed(home=home, site=site)
    demo_library_seed(home=home)
    return home


def demo_policy_pages_seed(*, home: HomePage, site: Site) -> None:
    """The accessibility statement and privacy notice, linked from the footer and sign-up."""
    settings = SiteSettings.for_site(site)
    pages = {
        "accessibility_statement": (
            "Accessibility statement",
            "accessibility",
            ACCESSIBILITY_INTRO,
            ACCESSIBILITY_BODY,
        ),
        "privacy_notice": ("Privacy notice", "privacy", PRIVACY_INTRO, PRIVACY_BODY),
    }
    unset = [(field, page) for field, page in pages.items() if not getattr(settings, f"{field}_id")]
    for field, (title, slug, intro, body) in unset:  # an editor's choice stands
        page = StandardPage.objects.filter(slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, intro=intro, body=body, show_in_menus=False)
            home.add_child(instance=page)
            page.save_revision().publish()
        setattr(settings, field, page)
    if unset:  # saving clears the site cache: only when something changed
        settings.save()
