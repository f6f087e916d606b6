"""Courses' public API: what the apps built on courses (quizzes, scorm, certificates,
any later activity) may use, imported at the top of their modules. Everything
here is typed and says what it costs; nothing else in courses is promised to them.

Activity blocks themselves build on `courses.activities` (re-exported here), which
imports no models, because they are loaded while courses' models are.
"""

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import is_administrator
from courses.activities import ActivityBlock, module_completion_blockers, module_placements
from courses.models import CourseIndexPage, CoursePage, Enrolment, ModulePage
from courses.permissions import courses_run_by, modules_run_by, runs_course_at
from courses.selectors import member_enrolled
from courses.services import CourseError, course_create_with_activity, module_complete

__all__ = [
    "ActivityBlock",
    "CourseError",
    "CoursePage",
    "ModulePage",
    "completed_enrolment",
    "completed_enrolments",
    "course_create_with_activity",
    "course_editable_by",
    "courses_addable_by",
    "courses_run_by",
    "member_enrolled",
    "module_complete_unless_held",
    "module_completion_blockers",
    "module_live",
    "module_placements",
    "modules_reported_to",
    "runs_course_at",
]


def module_live(module_id: int) -> ModulePage | None:
    """A live, public module by id (what a learner's URL may name), or None. One query."""
    return ModulePage.objects.live().public().filter(pk=module_id).first()


def module_complete_unless_held(*, member: User, module: ModulePage) -> bool:
    """Complete the module for the member, unless an activity in it still holds it open,
    the member is not enrolled or the module is no longer live: then nothing changes
    (the activity's own record still says what the member did). Returns whether the
    module is now complete. Call it when an activity is finished."""
    try:
        module_complete(member=member, module=module)
    except CourseError:
        return False
    return True


def course_editable_by(*, user: User, module: ModulePage) -> bool:
    """Whether the user may edit the module's course in the CMS (its trainers and
    administrators): who may see learners' work on it. Two queries or so."""
    course = CoursePage.objects.filter(path=module.course_path).first()
    return course is not None and course.permissions_for_user(user).can_edit()


def modules_reported_to(user: Any) -> "QuerySet[ModulePage] | None":
    """The modules whose learners a staff member's reports may include: the courses they run
    (courses/permissions.py), or None (every module) for an administrator."""
    return None if is_administrator(user) else modules_run_by(user)


def completed_enrolment(enrolment_id: int) -> Enrolment | None:
    """A completed enrolment with its course, or None (missing, or not complete). One query."""
    return Enrolment.objects.select_related("course").filter(pk=enrolment_id, completed_at__isnull=False).first()


def courses_addable_by(*, user: User) -> bool:
    """Whether the user may add courses to the catalogue in the CMS. Two queries or so."""
    catalogue = CourseIndexPage.objects.first()
    return catalogue is not None and catalogue.permissions_for_user(user).can_add_subpage()


def completed_enrolments() -> "QuerySet[Enrolment]":
    """Every completed enrolment, as a lazy queryset (for reconciliation sweeps to filter further)."""
    return Enrolment.objects.filter(completed_at__isnull=False)
