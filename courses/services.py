"""Writes for enrolment and progress. Course completion is decided here, once."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.activities import module_completion_blockers
from courses.emails import COMPLETION_EMAIL_KIND, completion_email_key
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress, Reflection
from courses.selectors import course_modules, member_enrolled
from courses.signals import course_completed
from outbox.services import outbox_enqueue


class CourseError(Exception):
    """A learner action that cannot be done; the message is shown to them."""


def _course_of(module: ModulePage) -> CoursePage:
    return CoursePage.objects.get(path=module.course_path)


@transaction.atomic
def enrolment_create(*, member: User, course: CoursePage) -> Enrolment:
    """Enrol a member on a published course. Enrolling twice returns the first enrolment."""
    if not course.live:
        raise CourseError("This course is not open for enrolment.")
    enrolment, _ = Enrolment.objects.get_or_create(member=member, course=course)
    return enrolment


@transaction.atomic
def module_start(*, enrolment: Enrolment, module: ModulePage) -> ModuleProgress:
    """Record that the learner opened a module, and remember it for "continue"."""
    progress, _ = ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
    if enrolment.last_module_id != module.pk:
        Enrolment.objects.filter(pk=enrolment.pk).update(last_module=module)
        enrolment.last_module_id = module.pk
    return progress


@transaction.atomic
def module_complete(*, member: User, module: ModulePage) -> Enrolment:
    """Mark a module done (for content modules: the learner reached the end and
    confirmed), then complete the course if every required module is done.

    Raises CourseError if the member is not enrolled or the module is not live.
    Completing a module twice changes nothing.
    """
    if not module.live:
        raise CourseError("This module is not available.")
    course = _course_of(module)
    # The row lock serialises completions of one enrolment, so two modules
    # finished at the same moment cannot both miss (or both make) the completion.
    enrolment = Enrolment.objects.select_for_update().filter(member=member, course=course).first()
    if enrolment is None:
        raise CourseError("Enrol on this course to record your progress.")
    if blockers := module_completion_blockers(member=member, module=module):
        raise CourseError(" ".join(blockers))
    ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
    ModuleProgress.objects.filter(enrolment=enrolment, module=module, completed_at__isnull=True).update(
        completed_at=timezone.now()
    )
    course_completion_check(enrolment=enrolment, course=course)
    return enrolment


def course_completion_check(*, enrolment: Enrolment, course: CoursePage) -> bool:
    """The one place that decides a course is complete. Records the completion
    once and, in the same transaction, queues the learner's email in the outbox
    and sends `course_completed` (whose listeners queue theirs: the certificate).
    Call inside a transaction holding the enrolment's row lock. Returns True if
    this call completed it."""
    if enrolment.completed_at is not None:
        return False
    required_ids = {module.pk for module in course_modules(course) if module.required}
    done_ids = set(
        ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).values_list(
            "module_id", flat=True
        )
    )
    if not required_ids or not required_ids <= done_ids:
        return False
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    outbox_enqueue(
        kind=COMPLETION_EMAIL_KIND, key=completion_email_key(enrolment.pk), payload={"enrolment_id": enrolment.pk}
    )
    course_completed.send(sender=Enrolment, enrolment_id=enrolment.pk)
    return True


@transaction.atomic
def reflection_save(*, member: User, module: ModulePage, block_id: str, text: str) -> Reflection:
    """Save (or replace) a learner's private answer to one reflection prompt."""
    if not any(block.id == block_id and block.block_type == "reflection" for block in module.body):
        raise CourseError("That reflection question is no longer on this page.")
    if not member_enrolled(member=member, module=module):
        raise CourseError("Enrol on this course to save your reflections.")
    text = text.strip()
    if not text:
        raise CourseError("Write something before saving your reflection.")
    if len(text) > 5000:
        raise CourseError("Keep your reflection under 5,000 characters.")
    reflection, _ = Reflection.objects.update_or_create(
        member=member, module=module, block_id=block_id, defaults={"text": text}
    )
    return reflection
