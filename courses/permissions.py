"""Who runs a course: the one answer every staff check on a course asks.

A trainer runs a course when they own its page (they created it) or an
administrator named them in its "Trainers" field; administrators run every
course. Running a course is what lets a trainer edit, copy, move, delete and
see the history of its pages in the CMS, mark its learners' essays and read
its reports (docs/decisions.md).
"""

from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import Page, PagePermissionTester

from accounts.roles import is_administrator, is_staff_member


def courses_run_by(user: Any) -> QuerySet[Any]:
    """The CoursePages `user` runs (all of them for an administrator, none for a learner)."""
    from courses.models import CoursePage  # models import this module for their permission tester

    if not is_staff_member(user):
        return CoursePage.objects.none()
    if is_administrator(user):
        return CoursePage.objects.all()
    return CoursePage.objects.filter(Q(owner=user) | Q(trainers=user)).distinct()


def runs_course_at(user: Any, course_path: str) -> bool:
    """Whether `user` runs the course whose tree path is `course_path`."""
    if is_administrator(user):
        return True
    return courses_run_by(user).filter(path=course_path).exists()


def modules_run_by(user: Any) -> QuerySet[Any]:
    """The ModulePages of the courses `user` runs: what a report about learners may include."""
    from courses.models import ModulePage

    if is_administrator(user):
        return ModulePage.objects.all()
    paths = list(courses_run_by(user).values_list("path", flat=True))
    if not paths:
        return ModulePage.objects.none()
    within = Q()
    for path in paths:
        within |= Q(path__startswith=path)
    return ModulePage.objects.filter(within)


class CoursePagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, further limited to the course's trainers:
    a trainer who does not run the course can do nothing to it or its modules."""

    def __init__(self, user: Any, page: Page, *, course_path: str) -> None:
        super().__init__(user, page)
        self.runs_course = user.is_active and runs_course_at(user, course_path)

    def can_add_subpage(self) -> bool:
        return self.runs_course and super().can_add_subpage()

    def can_edit(self) -> bool:
        return self.runs_course and super().can_edit()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return self.runs_course and super().can_delete(ignore_bulk)

    def can_unpublish(self) -> bool:
        return self.runs_course and super().can_unpublish()

    def can_publish(self) -> bool:
        return self.runs_course and super().can_publish()

    def can_submit_for_moderation(self) -> bool:
        return self.runs_course and super().can_submit_for_moderation()

    def can_set_view_restrictions(self) -> bool:
        return self.runs_course and super().can_set_view_restrictions()

    def can_unschedule(self) -> bool:
        return self.runs_course and super().can_unschedule()

    def can_lock(self) -> bool:
        return self.runs_course and super().can_lock()

    def can_unlock(self) -> bool:
        return self.runs_course and super().can_unlock()

    def can_publish_subpage(self) -> bool:
        return self.runs_course and super().can_publish_subpage()

    def can_reorder_children(self) -> bool:
        return self.runs_course and super().can_reorder_children()

    def can_move(self) -> bool:
        return self.runs_course and super().can_move()

    def can_copy(self) -> bool:
        return self.runs_course and super().can_copy()

    def can_move_to(self, destination: Page) -> bool:
        return self.runs_course and super().can_move_to(destination)

    def can_copy_to(self, destination: Page, recursive: bool = False) -> bool:
        return self.runs_course and super().can_copy_to(destination, recursive)

    def can_view_revisions(self) -> bool:
        return self.runs_course and super().can_view_revisions()
