import factory
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from accounts.choices import Sector
from cms.choices import NATIONAL, ResourceType, Stage
from cms.models import HomePage, Organisation, Resource, ResourceIndexPage


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Family Support Network {n}")
    description = "Supports the families of people in prison through visits, advice and a helpline."
    website = "https://family-support.example.org"
    phone = "0800 000 0000"
    email = "help@family-support.example.org"
    coverage = NATIONAL


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource number {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    summary = "Practical information for professionals who meet children with a parent in custody."
    resource_type = ResourceType.SERVICE
    sectors = factory.LazyFunction(lambda: [Sector.EDUCATION.value])
    stages = factory.LazyFunction(lambda: [Stage.PRISON.value])
    coverage = NATIONAL
    url = factory.Sequence(lambda n: f"https://resources.example.org/{n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Leaflet {n}")
    file = factory.LazyAttribute(lambda _: ContentFile(b"%PDF-1.4\n% a tiny test document\n", name="leaflet.pdf"))


def library_page(*, title: str = "Resource library") -> ResourceIndexPage:
    """The library page, published below the home page at /resources/."""
    page = ResourceIndexPage(title=title, slug="resources", show_in_menus=True)
    HomePage.objects.get().add_child(instance=page)
    return page
