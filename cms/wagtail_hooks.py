"""The resource library in the Wagtail admin: organisations and resources as
snippets, under one "Resource library" menu item."""

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from wagtail import hooks
from wagtail.search.index import insert_or_update_object
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Organisation, Resource


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    menu_order = 200
    list_display = ["name", "coverage", "website", "phone"]
    list_filter = ["coverage"]
    ordering = ["name"]


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full"
    menu_label = "Resources"
    menu_order = 100
    list_display = ["title", "organisation", "resource_type", "coverage"]
    list_filter = ["resource_type", "coverage", "organisation"]
    ordering = ["title"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resource]:
        # The listing shows each resource's organisation: fetch them in the same query.
        return Resource.objects.select_related("organisation")


class ResourceLibraryViewSetGroup(SnippetViewSetGroup):
    items = (ResourceViewSet, OrganisationViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Resource library"
    menu_name = "resource-library"
    menu_order = 250


register_snippet(ResourceLibraryViewSetGroup)


@hooks.register("after_edit_snippet")
def reindex_resources_of_renamed_organisation(request: HttpRequest, instance: Model) -> None:
    """A resource is found by its organisation's name, but Wagtail indexes a
    resource only when the resource itself is saved: renaming an organisation
    would leave its resources findable by the old name alone."""
    if isinstance(instance, Organisation):
        for resource in instance.resources.select_related("organisation"):
            insert_or_update_object(resource)
