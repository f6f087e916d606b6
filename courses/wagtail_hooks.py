"""Keep learners' history: pages with learner records can be unpublished, not deleted."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from accounts.roles import is_administrator
from courses.models import CourseIndexPage, CoursePage, ModulePage
from courses.permissions import courses_run_by, runs_course_at
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


def _course_path(page: Page) -> str | None:
    """The tree path of the course `page` is or is in, or None outside courses."""
    kind = page.specific_class
    if kind is CoursePage:
        return page.path
    if kind is ModulePage:
        return page.path[: -page.steplen]
    return None


@hooks.register("construct_explorer_page_queryset")
def trainers_see_the_courses_they_run(parent_page: Page, pages: Any, request: HttpRequest) -> Any:
    """In the page explorer, the course catalogue lists a trainer's own courses only, and a course
    they do not run shows no modules."""
    if is_administrator(request.user):
        return pages
    if isinstance(parent_page.specific_deferred, CourseIndexPage):
        return pages.filter(pk__in=courses_run_by(request.user).values("pk"))
    course_path = _course_path(parent_page)
    if course_path and not runs_course_at(request.user, course_path):
        return pages.none()
    return pages


@hooks.register("before_move_page")
def only_a_courses_trainers_move_its_pages(request: HttpRequest, page: Page, destination: Page) -> Any:
    # Wagtail's move confirmation checks no permission before this hook, so it is checked here.
    for end in (page, destination):
        course_path = _course_path(end)
        if course_path and not runs_course_at(request.user, course_path):
            messages.error(request, "Only the course's trainers can move its pages.")
            return redirect("wagtailadmin_home")
    return None
