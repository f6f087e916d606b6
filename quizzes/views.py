"""Learner and trainer actions on quizzes. Thin: look the objects up within what
the user may see, call a service, turn its errors into messages."""

import csv
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.roles import is_administrator
from courses.permissions import modules_run_by
from quizzes.models import Attempt, Quiz
from quizzes.selectors import (
    attempt_questions,
    item_analysis,
    overall_feedback,
    review_options,
)
from quizzes.services import (
    QuizError,
    attempt_save,
    attempt_start,
    attempt_submit,
    attempt_visible_to,
    response_mark,
)


def _member(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def quiz_start(request: HttpRequest, module_id: int, quiz_id: int) -> HttpResponse:
    from courses.models import ModulePage

    module = ModulePage.objects.live().public().filter(pk=module_id).first()
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if module is None or quiz is None:
        raise Http404
    try:
        attempt = attempt_start(member=_member(request), quiz=quiz, module=module)
    except QuizError as error:
        messages.error(request, str(error))
        return redirect(module.url)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


def _visible_attempt(request: HttpRequest, attempt_id: int) -> Attempt:
    attempt = Attempt.objects.select_related("quiz", "module").filter(pk=attempt_id).first()
    if attempt is None or not attempt_visible_to(attempt=attempt, user=request.user):
        raise Http404
    return attempt


@login_required
@require_GET
def attempt_detail(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _visible_attempt(request, attempt_id)
    owner = attempt.member_id == request.user.pk
    if owner and attempt.state == Attempt.State.IN_PROGRESS and attempt.deadline and attempt.deadline <= timezone.now():
        attempt = attempt_submit(attempt_id=attempt.pk, member=_member(request), timed_out=True)
        messages.info(request, "Time ran out: your attempt was submitted with the answers you had saved.")
        attempt = _visible_attempt(request, attempt_id)
    review = review_options(attempt=attempt, viewer=request.user)
    if attempt.state == Attempt.State.IN_PROGRESS and not owner:
        review = None  # a trainer looking at a live attempt sees what the learner sees, no more
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.module,
        "owner": owner,
        "review": review,
        "questions": attempt_questions(attempt=attempt, review=review),
        "overall_feedback": overall_feedback(quiz=attempt.quiz, percent=attempt.percent)
        if review is not None and review.feedback
        else "",
    }
    template = "quizzes/attempt.html" if attempt.state == Attempt.State.IN_PROGRESS else "quizzes/review.html"
    return render(request, template, context)


@login_required
@require_POST
def attempt_save_view(request: HttpRequest, attempt_id: int) -> HttpResponse:
    try:
        attempt = attempt_save(attempt_id=attempt_id, member=_member(request), data=request.POST)
    except QuizError as error:
        if _wants_json(request):
            return JsonResponse({"saved": False, "message": str(error)}, status=409)
        messages.error(request, str(error))
        return redirect("quizzes:attempt", attempt_id=attempt_id)
    if attempt.timed_out:
        message = "Time ran out: your attempt was submitted with the answers saved before the time limit."
        if _wants_json(request):
            return JsonResponse(
                {"saved": False, "message": message, "review": reverse("quizzes:attempt", args=[attempt.pk])},
                status=409,
            )
        messages.info(request, message)
        return redirect("quizzes:attempt", attempt_id=attempt_id)
    if _wants_json(request):
        return JsonResponse({"saved": True, "message": "Your answers are saved."})
    messages.success(request, "Your answers are saved. You can come back to this attempt later.")
    return redirect("quizzes:attempt", attempt_id=attempt_id)


@login_required
@require_POST
def attempt_submit_view(request: HttpRequest, attempt_id: int) -> HttpResponse:
    try:
        attempt = attempt_submit(attempt_id=attempt_id, member=_member(request), data=request.POST)
    except QuizError as error:
        messages.error(request, str(error))
        return redirect("quizzes:attempt", attempt_id=attempt_id)
    if attempt.timed_out:
        messages.info(request, "Time ran out: your attempt was submitted with the answers saved before the limit.")
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@login_required
@require_POST
def response_mark_view(request: HttpRequest, response_id: int) -> HttpResponse:
    attempt_id = request.POST.get("attempt", "")
    try:
        given = Decimal(request.POST.get("mark", "").strip())
        max_mark = Decimal(request.POST.get("max_mark", "1"))
        fraction = given / max_mark if max_mark else Decimal(0)
    except (InvalidOperation, ArithmeticError):
        messages.error(request, "Give the mark as a number, such as 1 or 0.5.")
    else:
        try:
            response = response_mark(
                response_id=response_id,
                marker=_member(request),
                fraction=fraction,
                comment=request.POST.get("comment", ""),
            )
        except QuizError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Mark saved.")
            return redirect("quizzes:attempt", attempt_id=response.attempt_id)
    if attempt_id.isdigit():
        return redirect("quizzes:attempt", attempt_id=int(attempt_id))
    raise Http404


def _trainer_quiz(request: HttpRequest, quiz_id: int) -> Quiz:
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if quiz is None or not request.user.has_perm("quizzes.change_quiz"):
        raise Http404
    return quiz


def _modules_reported(request: HttpRequest) -> QuerySet[Any] | None:
    """A trainer's reports cover the courses they run; an administrator's cover every course (None)."""
    return None if is_administrator(request.user) else modules_run_by(request.user)


@login_required
@require_GET
def quiz_analysis(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _trainer_quiz(request, quiz_id)
    return render(
        request,
        "quizzes/analysis.html",
        {
            "quiz": quiz,
            "analysis": item_analysis(quiz=quiz, modules=_modules_reported(request)),
            "csv_url": reverse("quizzes:analysis_csv", args=[quiz.pk]),
        },
    )


@login_required
@require_GET
def quiz_analysis_csv(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _trainer_quiz(request, quiz_id)
    analysis = item_analysis(quiz=quiz, modules=_modules_reported(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="quiz-{quiz.pk}-item-analysis.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["attempts", analysis.attempts, "mean %", analysis.mean, "median %", analysis.median, "sd", analysis.stdev]
    )
    writer.writerow(["question", "type", "responses", "facility index %", "discrimination index", "choice", "picked"])
    for item in analysis.questions:
        writer.writerow([_csv_safe(item.label), item.kind, item.responses, item.facility, item.discrimination, "", ""])
        for choice in item.choices:
            writer.writerow(["", "", "", "", "", _csv_safe(choice.text), choice.picked])
    return response


def _csv_safe(text: str) -> str:
    """Spreadsheets run cells that start with =, +, - or @ as formulas; a quote makes them text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
