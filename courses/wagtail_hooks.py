"""Keep learners' history: pages with learner records can be unpublished, not deleted."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from accounts.roles import is_administrator
from courses.models import CourseIndexPage
from courses.permissions import courses_run_by
from courses.selectors import learner_records_under

PROTECTED_MESSAGE = (
    "“{title}” cannot be deleted because learners have {count} record(s) against it or the pages below it "
    "(enrolments, progress or reflections). Unpublish it instead: learners keep their history and it "
    "disappears from the site."
)


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_learner_records(request: HttpRequest, page: Page) -> HttpResponse | None:
    count = learner_records_under(page_path=page.path)
    if not count:
        return None
    messages.error(request, PROTECTED_MESSAGE.format(title=page.get_admin_display_title(), count=count))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_pages_with_learner_records(
    request: HttpRequest, action_type: str, objects: list[Any], action_class_instance: Any
) -> HttpResponse | None:
    if action_type != "delete":
        return None
    for page in objects:
        if isinstance(page, Page):
            count = learner_records_under(page_path=page.path)
            if count:
                messages.error(request, PROTECTED_MESSAGE.format(title=page.get_admin_display_title(), count=count))
                return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("construct_explorer_page_queryset")
def trainers_see_the_courses_they_run(parent_page: Page, pages: Any, request: HttpRequest) -> Any:
    """In the page explorer, the course catalogue lists a trainer's own courses only."""
    if isinstance(parent_page.specific_deferred, CourseIndexPage) and not is_administrator(request.user):
        return pages.filter(pk__in=courses_run_by(request.user).values("pk"))
    return pages
