"""Learner actions on courses. Thin: look the objects up within what the
member may see, call a service, turn its errors into messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from courses.models import CoursePage, ModulePage
from courses.services import CourseError, enrolment_create, module_complete, reflection_save
from elearning.web import signed_in_member


def _live_page(model: type[CoursePage] | type[ModulePage], page_id: int) -> CoursePage | ModulePage:
    """A published, public page of this type, or 404 (drafts and restricted pages are invisible)."""
    page = model.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


@login_required
@require_POST
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _live_page(CoursePage, course_id)
    assert isinstance(course, CoursePage)
    try:
        enrolment_create(member=signed_in_member(request), course=course)
    except CourseError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    messages.success(request, f"You are enrolled on {course.title}. Start with the first module below.")
    return redirect(course.url)


@login_required
@require_POST
def complete_module(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _live_page(ModulePage, module_id)
    assert isinstance(module, ModulePage)
    try:
        enrolment = module_complete(member=signed_in_member(request), module=module)
    except CourseError as error:
        messages.error(request, str(error))
        return redirect(module.url)
    if enrolment.completed_at is not None and not request.POST.get("next_module"):
        messages.success(request, "Well done: you have completed the course. We have emailed you a confirmation.")
        return redirect(enrolment.course.url)
    messages.success(request, f"“{module.title}” is marked as done.")
    next_id = request.POST.get("next_module", "")
    next_module = ModulePage.objects.live().filter(pk=next_id).first() if next_id.isdigit() else None
    return redirect(next_module.url if next_module else enrolment.course.url)


@login_required
@require_POST
def save_reflection(request: HttpRequest, module_id: int, block_id: str) -> HttpResponse:
    module = _live_page(ModulePage, module_id)
    assert isinstance(module, ModulePage)
    try:
        reflection_save(
            member=signed_in_member(request), module=module, block_id=block_id, text=request.POST.get("text", "")
        )
    except CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your reflection is saved. Only you can see it.")
    return redirect(f"{module.url}#reflection-{block_id}")
