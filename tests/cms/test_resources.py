"""The resource library ("online filing cabinet"): the page people search and
filter, the organisations directory, the admin that curates them, and what
may be uploaded for them."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image

from accounts.choices import Region, Role, Sector
from cms.choices import NATIONAL, ResourceType, Stage
from cms.models import Organisation, Resource, ResourceIndexPage
from cms.selectors import resources_for_stage
from demo.library_content import ORGANISATIONS, RESOURCES
from tests.accounts.factories import MemberFactory
from tests.cms.factories import DocumentFactory, OrganisationFactory, ResourceFactory, library_page

pytestmark = pytest.mark.django_db

LIBRARY = "/resources/"
DIRECTORY = "/resources/organisations/"


# What a visitor sees, read from the page.


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def titles_listed(page: str) -> list[str]:
    """The resources on the page, in order."""
    return [
        text_of(title)
        for title in re.findall(
            r'<li class="govuk-summary-card">\s*<div class="govuk-summary-card__title-wrapper">\s*'
            r'<h3 class="govuk-summary-card__title">(.*?)</h3>',
            page,
            re.S,
        )
    ]


def facet_options(page: str, param: str) -> dict[str, tuple[int, bool]]:
    """A facet's options as offered: label -> (count shown, ticked)."""
    options = {}
    pattern = (
        rf'<input class="govuk-checkboxes__input" id="facet-{param}-[\w-]+" name="{param}" type="checkbox" '
        rf'value="[\w-]+"( checked)?>\s*'
        rf'<label class="govuk-label govuk-checkboxes__label" for="facet-{param}-[\w-]+">(.*?) '
        rf'<span class="facet-count">\((\d+)\)</span></label>'
    )
    for checked, label, count in re.findall(pattern, page, re.S):
        options[html.unescape(label)] = (int(count), bool(checked))
    return options


def counts(page: str, param: str) -> dict[str, int]:
    return {label: count for label, (count, _) in facet_options(page, param).items()}


def results_heading(page: str) -> str:
    return text_of(
        re.search(r'<h2 class="govuk-heading-m" id="library-results-heading">(.*?)</h2>', page, re.S).group(1)
    )


def get_page(client, url: str, params: dict | None = None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def library() -> ResourceIndexPage:
    return library_page()


@pytest.fixture
def four_resources(library):
    """Four resources that differ in every facet."""
    return {
        "visits": ResourceFactory(
            title="Visiting a parent in prison",
            resource_type=ResourceType.SERVICE,
            sectors=[Sector.EDUCATION],
            stages=[Stage.PRISON],
            coverage=NATIONAL,
        ),
        "court": ResourceFactory(
            title="Court support for families",
            resource_type=ResourceType.SERVICE,
            sectors=[Sector.HEALTH],
            stages=[Stage.COURT],
            coverage=Region.LONDON,
        ),
        "study": ResourceFactory(
            title="Outcomes for children of prisoners",
            resource_type=ResourceType.RESEARCH,
            sectors=[Sector.EDUCATION, Sector.HEALTH],
            stages=[Stage.PRISON, Stage.RELEASE],
            coverage=NATIONAL,
        ),
        "arrest": ResourceFactory(
            title="Arrest in the family home",
            resource_type=ResourceType.GUIDANCE,
            sectors=[Sector.POLICE],
            stages=[Stage.ARREST],
            coverage=Region.NORTH_WEST,
        ),
    }


# The library page


def test_each_resource_shows_who_offers_it_what_it_is_for_and_how_to_reach_it(client, library):
    organisation = OrganisationFactory(name="Ormiston Families")
    ResourceFactory(
        title="Family support in Eastern prisons",
        organisation=organisation,
        resource_type=ResourceType.CHILDREN_AND_FAMILIES,
        sectors=[Sector.PRISON, Sector.SOCIAL_CARE],
        stages=[Stage.PRISON, Stage.RELEASE],
        coverage=Region.EAST,
        url="https://www.ormiston.example/families",
    )
    document = DocumentFactory(title="Leaflet for teachers")
    ResourceFactory(title="A guide for teachers", url="", document=document)

    page = get_page(client, LIBRARY)

    assert titles_listed(page) == ["A guide for teachers", "Family support in Eastern prisons"]
    card = re.search(r"Family support in Eastern prisons.*?</li>", page, re.S).group(0)
    for shown in ("Ormiston Families", "For children and families", "East of England", "Prison, Social care"):
        assert shown in text_of(card)
    assert "Prison, Release" in text_of(card)
    assert '<a class="govuk-button" href="https://www.ormiston.example/families" role="button"' in card
    assert "Visit website" in text_of(card)
    assert "target=" not in card, "links open normally, in the same tab"
    guide = re.search(r"A guide for teachers.*?</li>", page, re.S).group(0)
    assert f'href="/documents/{document.pk}/leaflet.pdf" role="button"' in guide
    assert "Download document: A guide for teachers (PDF)" in text_of(guide).replace(" :", ":")
    assert "(PDF)" in guide
    assert "Visit website" not in guide


def test_the_search_form_is_labelled_and_facets_are_fieldsets(client, four_resources):
    page = get_page(client, LIBRARY)

    assert re.search(r'<form method="get" action="/resources/"[^>]* role="search"', page)
    assert '<label class="govuk-label govuk-label--s" for="library-q">Search the library</label>' in page
    assert re.search(
        r'<input class="govuk-input" type="search" id="library-q"[^>]*>\s*</div>\s*<button type="submit"', page
    )
    for legend in ("Type of resource", "Sector", "Stage of the family&#x27;s journey", "Area covered"):
        assert f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>' in page
    assert page.count('<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">') == 4
    assert results_heading(page) == "4 resources"


def test_facets_show_how_many_resources_each_choice_would_show(client, four_resources):
    page = get_page(client, LIBRARY)

    assert counts(page, "type") == {"Service": 2, "Research": 1, "Guidance": 1}
    assert counts(page, "sector") == {"Education": 2, "Health": 2, "Police": 1}
    assert counts(page, "stage") == {"Arrest": 1, "Court": 1, "Prison": 2, "Release": 1}
    assert counts(page, "coverage") == {"National": 2, "North West": 1, "London": 1}


def test_ticking_a_sector_narrows_the_list_and_the_other_facets_but_not_its_own(client, four_resources):
    page = get_page(client, LIBRARY, {"sector": "education"})

    assert titles_listed(page) == ["Outcomes for children of prisoners", "Visiting a parent in prison"]
    assert results_heading(page) == "2 resources"
    assert facet_options(page, "sector") == {
        "Education": (2, True),
        "Health": (2, False),
        "Police": (1, False),
    }, "a facet's own counts ignore its own ticks, so a second sector shows what it would add"
    assert counts(page, "type") == {"Service": 1, "Research": 1}
    assert counts(page, "stage") == {"Prison": 2, "Release": 1}
    assert counts(page, "coverage") == {"National": 2}


def test_two_ticks_in_one_facet_widen_and_ticks_in_two_facets_narrow(client, four_resources):
    either_sector = get_page(client, LIBRARY, {"sector": ["education", "police"]})
    sector_and_type = get_page(client, LIBRARY, {"sector": ["education", "police"], "type": "service"})

    assert titles_listed(either_sector) == [
        "Arrest in the family home",
        "Outcomes for children of prisoners",
        "Visiting a parent in prison",
    ]
    assert titles_listed(sector_and_type) == ["Visiting a parent in prison"]
    assert facet_options(sector_and_type, "type") == {
        "Service": (1, True),
        "Research": (1, False),
        "Guidance": (1, False),
    }


def test_a_ticked_choice_with_nothing_left_stays_on_offer_so_it_can_be_unticked(client, four_resources):
    page = get_page(client, LIBRARY, {"type": "research", "coverage": "london"})

    assert titles_listed(page) == []
    assert "No resources match your search and filters." in text_of(page)
    assert facet_options(page, "coverage")["London"] == (0, True)
    assert facet_options(page, "type")["Research"] == (0, True)


def test_search_finds_words_in_the_summary_and_the_organisation_name(client, library):
    kinship = OrganisationFactory(name="Hillside Kinship Network")
    ResourceFactory(title="Support for carers", summary="Advice for grandparents raising a prisoner's child.")
    ResourceFactory(title="Drop-in sessions", organisation=kinship, summary="Weekly sessions in the town centre.")
    ResourceFactory(title="School guidance", summary="Helping pupils whose parent is in custody.")

    by_summary = get_page(client, LIBRARY, {"q": "grandparents"})
    by_organisation = get_page(client, LIBRARY, {"q": "kinship"})

    assert titles_listed(by_summary) == ["Support for carers"]
    assert results_heading(by_summary) == "1 resource matching “grandparents”"
    assert titles_listed(by_organisation) == ["Drop-in sessions"]
    assert 'value="kinship"' in by_organisation, "the search box keeps the words searched for"


def test_search_and_a_facet_combine_and_the_counts_follow_the_search(client, library):
    ResourceFactory(title="Visits guide", summary="Preparing a child for prison visits.", resource_type="guidance")
    ResourceFactory(title="Visits study", summary="What prison visits mean to children.", resource_type="research")
    ResourceFactory(title="Helpline", summary="Advice by telephone.", resource_type="service")

    searched = get_page(client, LIBRARY, {"q": "visits"})
    narrowed = get_page(client, LIBRARY, {"q": "visits", "type": "research"})

    assert sorted(titles_listed(searched)) == ["Visits guide", "Visits study"]
    assert counts(searched, "type") == {"Research": 1, "Guidance": 1}, "the helpline does not match the search"
    assert titles_listed(narrowed) == ["Visits study"]
    assert results_heading(narrowed) == "1 resource matching “visits”"


def test_search_needs_every_word(client, library):
    ResourceFactory(title="Court support", summary="Someone to sit with the family at court.")
    ResourceFactory(title="Court dates", summary="How hearings are listed.")

    page = get_page(client, LIBRARY, {"q": "court sit"})

    assert titles_listed(page) == ["Court support"]


def test_unknown_filter_values_are_ignored_and_the_page_says_so(client, four_resources):
    page = get_page(
        client, LIBRARY, {"sector": ["education", "astronaut"], "type": "<script>alert(1)</script>", "page": "x"}
    )

    notice = text_of(re.search(r'<p class="govuk-body" id="ignored-filters">(.*?)</p>', page, re.S).group(1))
    assert notice.startswith("Some filters in the address were not recognised and have been ignored:")
    assert "sector “astronaut”" in notice
    assert "type “<script>alert(1)</script>”" in notice
    assert "<script>alert(1)" not in page, "what the address says is shown as text, never as markup"
    assert titles_listed(page) == ["Outcomes for children of prisoners", "Visiting a parent in prison"]


def test_the_notice_names_a_few_unknown_values_and_counts_the_rest(client, library):
    page = get_page(client, LIBRARY, {"stage": [f"stage{n}" for n in range(8)]})

    assert "stage “stage4”" in page
    assert "stage “stage5”" not in page
    assert "and 3 more." in page


def test_a_page_without_filters_has_no_notice(client, four_resources):
    page = get_page(client, LIBRARY)

    assert "not recognised" not in page


@pytest.mark.parametrize(
    "words", ['"', "'", "*", "AND", "NOT", "NEAR(", "a OR", "-", "()", ":", "\x00", "ß" * 500, "%", "\\"]
)
def test_any_search_words_give_a_page_never_an_error(client, four_resources, words):
    response = client.get(LIBRARY, {"q": words})

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Resource library</h1>' in response.content.decode()


def test_twenty_resources_a_page_and_the_next_page_keeps_the_filters(client, library):
    for n in range(25):
        ResourceFactory(title=f"Guide {n:02d}", sectors=[Sector.HEALTH])
    ResourceFactory(title="Guide for police", sectors=[Sector.POLICE])

    first = get_page(client, LIBRARY, {"sector": "health"})
    next_link = html.unescape(
        re.search(r'<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">', first).group(1)
    )
    second = get_page(client, LIBRARY + next_link)

    assert titles_listed(first) == [f"Guide {n:02d}" for n in range(20)]
    assert "Showing 1 to 20 of 25, page 1 of 2." in first
    assert next_link == "?sector=health&page=2"
    assert titles_listed(second) == [f"Guide {n:02d}" for n in range(20, 25)]
    assert 'rel="next"' not in second
    previous = re.search(r'rel="prev">(.*?)</a>', second, re.S).group(1)
    assert text_of(previous) == "Previous page : Page 1 of 2"
    assert "Next page : Page 2 of 2" in text_of(first)


def test_a_page_number_out_of_range_shows_the_last_page(client, library):
    for n in range(22):
        ResourceFactory(title=f"Guide {n:02d}")

    page = get_page(client, LIBRARY, {"page": "99"})

    assert titles_listed(page) == ["Guide 20", "Guide 21"]


def many_resources(count: int) -> None:
    """Resources spread over every facet, each with its own organisation and
    half with a document, so a query per resource would show."""
    sectors, stages, regions = list(Sector), list(Stage), list(Region)
    for n in range(count):
        ResourceFactory(
            title=f"Resource {n:03d} about family visits",
            resource_type=list(ResourceType)[n % len(ResourceType)],
            sectors=[sectors[n % len(sectors)], sectors[(n + 3) % len(sectors)]],
            stages=[stages[n % len(stages)]],
            coverage=regions[n % len(regions)] if n % 3 else NATIONAL,
            document=DocumentFactory() if n % 2 else None,
        )


# Wagtail's page serving takes 1 query (loading the page; which page the address names,
# the site, the menu, the footer and the fact that no page is private come from the cache).
PAGE_SHELL_QUERIES = 1
# Each also reads the case studies that draw on the page's resources (one query).
LISTING_QUERIES = PAGE_SHELL_QUERIES + 3  # every resource's facet values; the page of resources; case studies
SEARCH_QUERIES = PAGE_SHELL_QUERIES + 3  # the search with facet values; the page of resources; case studies
DIRECTORY_QUERIES = PAGE_SHELL_QUERIES + 4  # facet values of organisations and of resources; the page; its resources
DIRECTORY_REPEAT_QUERIES = 0  # the whole page, kept for visitors not signed in


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, LISTING_QUERIES),
        ({"sector": ["education", "health"], "stage": "prison", "page": "2"}, LISTING_QUERIES),
        ({"q": "family visits", "type": "service"}, SEARCH_QUERIES),
    ],
)
def test_the_library_page_takes_the_same_queries_however_many_resources(
    client, library, django_assert_num_queries, params, queries
):
    many_resources(65)
    client.get(LIBRARY, params)  # first use of the search backend and content types fills their caches

    with django_assert_num_queries(queries):
        page = get_page(client, LIBRARY, params)

    assert titles_listed(page), "the pinned page shows resources"
    many_resources(30)
    with django_assert_num_queries(queries):
        get_page(client, LIBRARY, params)


# The organisations directory


def test_the_directory_lists_organisations_alphabetically_with_how_to_contact_them(client, library):
    pops = OrganisationFactory(
        name="POPS",
        description="Runs visitors' centres and family link workers.",
        coverage=Region.NORTH_WEST,
        website="https://www.pops.example",
        phone="0161 702 1000",
        email="mail@pops.example",
    )
    OrganisationFactory(name="i-HOP", website="", phone="", email="")
    OrganisationFactory(name="Barnardo's")
    ResourceFactory(title="Family link workers", organisation=pops)

    page = get_page(client, DIRECTORY)

    names = [
        text_of(name)
        for name in re.findall(
            r'<li class="govuk-summary-card" id="organisation-\d+">\s*'
            r'<div class="govuk-summary-card__title-wrapper">\s*'
            r'<h3 class="govuk-summary-card__title">(.*?)</h3>',
            page,
        )
    ]
    assert names == ["Barnardo's", "i-HOP", "POPS"], "alphabetical whatever the case of the first letter"
    card = text_of(re.search(rf'id="organisation-{pops.pk}">.*?</div>\s*</li>', page, re.S).group(0))
    for shown in ("Runs visitors' centres and family link workers.", "North West", "Family link workers"):
        assert shown in card
    assert '<a class="govuk-link" href="tel:01617021000">0161 702 1000</a>' in page
    assert '<a class="govuk-link" href="mailto:mail@pops.example">mail@pops.example</a>' in page
    assert '<a class="govuk-link" href="https://www.pops.example">https://www.pops.example</a>' in page
    assert "We have no contact details for them yet." in page, "i-HOP has none"


def test_a_resource_links_to_its_organisation_in_the_directory(client, library):
    organisation = OrganisationFactory(name="NEPACS")
    ResourceFactory(organisation=organisation)

    page = get_page(client, LIBRARY)

    assert f'<a class="govuk-link" href="{DIRECTORY}?letter=N#organisation-{organisation.pk}">NEPACS</a>' in page
    assert f'id="organisation-{organisation.pk}"' in get_page(client, DIRECTORY, {"letter": "N"})


def test_the_directory_takes_the_same_queries_however_many_organisations(client, library, django_assert_num_queries):
    for _ in range(40):
        ResourceFactory.create_batch(2, organisation=OrganisationFactory())
    client.get(DIRECTORY)

    with django_assert_num_queries(DIRECTORY_REPEAT_QUERIES):
        page = get_page(client, DIRECTORY)

    assert page.count('<li class="govuk-summary-card" id="organisation-') == 20, "a page of the directory"
    for _ in range(20):
        ResourceFactory(organisation=OrganisationFactory())
    with django_assert_num_queries(DIRECTORY_QUERIES):
        get_page(client, DIRECTORY)
    with django_assert_num_queries(DIRECTORY_REPEAT_QUERIES):
        get_page(client, DIRECTORY)


# Resources for a module page


def test_resources_for_a_stage_are_those_tagged_with_it_in_one_query(django_assert_num_queries):
    ResourceFactory(title="B prison visits", stages=[Stage.PRISON, Stage.RELEASE])
    ResourceFactory(title="A prison leaflet", stages=[Stage.PRISON], document=DocumentFactory())
    ResourceFactory(title="C release planning", stages=[Stage.RELEASE])
    for n in range(6):
        ResourceFactory(title=f"D prison {n}", stages=[Stage.PRISON])

    with django_assert_num_queries(1):
        resources = resources_for_stage(stage=Stage.PRISON, limit=3)
        shown = [(resource.title, resource.organisation.name, bool(resource.document)) for resource in resources]

    assert [title for title, _, _ in shown] == ["A prison leaflet", "B prison visits", "D prison 0"]
    assert [resource.title for resource in resources_for_stage(stage=Stage.RELEASE)] == [
        "B prison visits",
        "C release planning",
    ]
    assert resources_for_stage(stage=Stage.COURT) == []
    with pytest.raises(ValueError, match="Unknown stage"):
        resources_for_stage(stage="prison_x")


# Curating the library in the CMS


@pytest.fixture
def administrator(client):
    member = MemberFactory(role=Role.ADMINISTRATOR)
    client.force_login(member)
    return member


def resource_form(organisation: Organisation, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Keeping in touch",
        "organisation": str(organisation.pk),
        "summary": "How children can stay in contact with a parent in prison.",
        "resource_type": "guidance",
        "sectors": ["social_care", "education"],
        "stages": ["prison"],
        "coverage": "national",
        "url": "",
        "document": "",
    }
    data.update(overrides)
    return data


def test_an_administrator_adds_a_resource_ticking_sectors_and_stages(client, administrator):
    organisation = OrganisationFactory()

    response = client.post("/cms/snippets/cms/resource/add/", resource_form(organisation, url="https://example.org/a"))

    assert response.status_code == 302
    resource = Resource.objects.get(title="Keeping in touch")
    assert resource.sectors == ["education", "social_care"], "stored as a list, in the order the choices are listed"
    assert resource.stages == ["prison"]
    form = client.get(f"/cms/snippets/cms/resource/edit/{resource.pk}/").content.decode()
    assert re.search(r'type="checkbox" name="sectors" value="education"[^>]*checked', form)
    assert not re.search(r'type="checkbox" name="sectors" value="police"[^>]*checked', form)


def test_a_resource_without_a_web_address_or_document_is_published_under_its_organisation(
    client, administrator, library
):
    organisation = OrganisationFactory(name="Prisoners Abroad")

    response = client.post("/cms/snippets/cms/resource/add/", resource_form(organisation))

    assert response.status_code == 302
    resource = Resource.objects.get()
    page = get_page(client, LIBRARY)
    assert (
        f'<a class="govuk-link" href="{DIRECTORY}?letter=P#organisation-{organisation.pk}">ask Prisoners Abroad'
        f'<span class="govuk-visually-hidden"> about {resource.title}</span></a>'
    ) in page
    assert resource.title in text_of(get_page(client, DIRECTORY, {"letter": "P"}))


def test_a_resource_with_only_a_document_is_accepted(client, administrator):
    organisation = OrganisationFactory()
    document = DocumentFactory()

    response = client.post("/cms/snippets/cms/resource/add/", resource_form(organisation, document=str(document.pk)))

    assert response.status_code == 302
    assert Resource.objects.get().document == document


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://files.example.org/guide.pdf", "data:text/html,hi"])
def test_a_resource_links_only_to_web_pages(address):
    resource = ResourceFactory.build(organisation=OrganisationFactory(), url=address)

    with pytest.raises(ValidationError) as refused:
        resource.full_clean()

    assert "Enter a web address starting with https:// or http://" in refused.value.message_dict["url"]


def test_sectors_and_stages_must_be_known_choices():
    resource = ResourceFactory.build(organisation=OrganisationFactory(), sectors=["education", "astronauts"])

    with pytest.raises(ValidationError) as refused:
        resource.full_clean()

    assert refused.value.message_dict["sectors"] == ["Unknown sector: astronauts."]


def test_the_resource_library_menu_holds_resources_and_organisations(client, administrator):
    ResourceFactory(title="Listed in the admin")

    menu = client.get("/cms/").content.decode()
    listing = client.get("/cms/snippets/cms/resource/").content.decode()

    assert "Resource library" in menu
    assert "Listed in the admin" in listing
    assert client.get("/cms/snippets/cms/organisation/").status_code == 200


def test_renaming_an_organisation_makes_its_resources_findable_by_the_new_name(client, administrator, library):
    organisation = OrganisationFactory(name="Prisoners Families Charity")
    ResourceFactory(title="Visits advice", organisation=organisation)
    form = {
        "name": "Lighthouse Families",
        "description": organisation.description,
        "coverage": "national",
        "website": "",
        "phone": "",
        "email": "",
    }

    response = client.post(f"/cms/snippets/cms/organisation/edit/{organisation.pk}/", form)

    assert response.status_code == 302
    assert titles_listed(get_page(client, LIBRARY, {"q": "lighthouse"})) == ["Visits advice"]


# Uploads


def upload(client, kind: str, name: str, content: bytes):
    return client.post(
        f"/cms/{kind}/add/", {"title": name, "file": SimpleUploadedFile(name, content), "collection": "1"}
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<script>alert(document.cookie)</script>"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_documents_that_a_browser_would_run_are_refused(client, administrator, name, content):
    extension = name.rsplit(".", 1)[1]

    response = upload(client, "documents", name, content)

    assert response.status_code == 200
    assert f"File extension “{extension}” is not allowed." in html.unescape(response.content.decode())
    assert not Document.objects.exists()


def test_an_administrator_uploads_a_pdf(client, administrator):
    response = upload(client, "documents", "leaflet.pdf", b"%PDF-1.4\n")

    assert response.status_code == 302
    assert Document.objects.get().file_extension == "pdf"


def test_svg_images_are_refused(client, administrator):
    response = upload(client, "images", "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')

    assert response.status_code == 200
    assert "This file is not a valid image. Upload a GIF, JPEG, PNG or WebP file." in html.unescape(
        response.content.decode()
    )
    assert not Image.objects.exists()


def a_png(size: tuple[int, int] = (4, 4)) -> bytes:
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.gif", b"GIF89a<html><script>alert(document.cookie)</script></html>"),
        ("cut.png", a_png((64, 64))[:60]),
        ("empty.jpg", b""),
        ("text.webp", b"RIFF\x00\x00\x00\x00WEBPnot an image at all"),
    ],
)
def test_a_file_that_only_starts_like_an_image_is_a_form_error(client, administrator, name, content):
    response = upload(client, "images", name, content)

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert (
        "not a valid image" in page or "Not a supported image format" in page or "The submitted file is empty" in page
    )
    assert not Image.objects.exists()


def test_a_real_image_is_accepted(client, administrator):
    assert upload(client, "images", "teal.png", a_png()).status_code == 302
    assert Image.objects.get().width == 4


def test_the_multiple_upload_refuses_a_disguised_image_without_a_server_error(client, administrator):
    response = client.post(
        "/cms/images/multiple/add/",
        {"files[]": SimpleUploadedFile("page.gif", b"GIF89a<html></html>"), "collection": "1"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not Image.objects.exists()


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Wagtail serves documents from a path on disk; the tests' in-memory storage has none."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }


@pytest.mark.parametrize("name", ["guide.docx", "notes.txt", "figures.csv", "slides.pptx"])
def test_documents_other_than_pdf_download_as_attachments(client, files_on_disk, name):
    document = DocumentFactory(file=SimpleUploadedFile(name, b"<script>alert(1)</script>"))

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_opens_in_the_browser_with_nothing_embedded_allowed_to_run(client, files_on_disk):
    response = client.get(DocumentFactory().url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Security-Policy"] == "default-src 'none'"


# Demo content


def test_the_demo_library_is_seeded_once_with_links_from_the_seeds(client):
    call_command("seed_demo", allow_production=True)
    counts_after_first = (ResourceIndexPage.objects.count(), Organisation.objects.count(), Resource.objects.count())
    call_command("seed_demo", allow_production=True)

    assert (ResourceIndexPage.objects.count(), Organisation.objects.count(), Resource.objects.count()) == (
        counts_after_first
    )
    library = ResourceIndexPage.objects.get()
    assert (library.title, library.url, library.live, library.show_in_menus) == (
        "Resource library",
        "/resources/",
        True,
        True,
    )
    reachable = RESOURCES
    assert Organisation.objects.count() == len(ORGANISATIONS)
    assert len(RESOURCES) == 57
    assert sorted(Resource.objects.values_list("title", flat=True)) == sorted(entry["title"] for entry in RESOURCES)
    for resource in Resource.objects.select_related("organisation"):
        resource.full_clean()
        assert resource.url in {entry["url"] for entry in RESOURCES} | {resource.organisation.website}
    assert Resource.objects.filter(url="", document=None).count() == 20, "published under their organisation"
    page = get_page(client, LIBRARY)
    assert re.search(r'<a class="govuk-service-navigation__link" href="/resources/"', page), (
        "the library is in the main menu"
    )
    assert results_heading(page) == f"{len(reachable)} resources"
