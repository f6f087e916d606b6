"""The audit trail in the Wagtail admin: every entry, or one object's (linked from its admin page)."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from audit.selectors import audit_entries
from elearning.web import staff_required

PAGE_SIZE = 100


@staff_required("audit.view_auditentry")
def trail(request: HttpRequest) -> HttpResponse:
    target_type: ContentType | None = None
    target_id = request.GET.get("id", "")[:64]
    if kind := request.GET.get("type", ""):
        app_label, _, model = kind.partition(".")
        target_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if target_type is None or not target_id:
            raise Http404
    entries = audit_entries(target_type=target_type, target_id=target_id)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    label = next((entry.target_label for entry in page), "") if target_type else ""
    return render(request, "audit/trail.html", {"page": page, "one_object": target_type is not None, "label": label})


urlpatterns = [path("", trail, name="trail")]
