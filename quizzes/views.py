"""Learner and trainer actions on quizzes. Thin: look the objects up within what
the user may see, call a service, turn its errors into messages."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from courses.api import module_live, modules_reported_to
from elearning.web import csv_response, signed_in_member, staff_required
from quizzes.attempts import QuizError, attempt_save, attempt_start, attempt_submit, response_mark
from quizzes.forms import AttemptAnswersForm
from quizzes.models import Attempt, Quiz
from quizzes.selectors import (
    attempt_answer_layout,
    attempt_questions,
    attempt_visible_to,
    item_analysis,
    overall_feedback,
    review_options,
)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def quiz_start(request: HttpRequest, module_id: int, quiz_id: int) -> HttpResponse:
    module = module_live(module_id)
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if module is None or quiz is None:
        raise Http404
    try:
        attempt = attempt_start(member=signed_in_member(request), quiz=quiz, module=module)
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
    # A GET writes nothing: an attempt past its time limit is submitted by beat, or by the
    # learner's next POST (the page tells them so).
    time_up = attempt.state == Attempt.State.IN_PROGRESS and attempt.deadline and attempt.deadline <= timezone.now()
    review = review_options(attempt=attempt, viewer=request.user)
    if attempt.state == Attempt.State.IN_PROGRESS and not owner:
        review = None  # a trainer looking at a live attempt sees what the learner sees, no more
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.module,
        "owner": owner,
        "time_up": time_up,
        "review": review,
        "questions": attempt_questions(attempt=attempt, review=review),
        "overall_feedback": overall_feedback(quiz=attempt.quiz, percent=attempt.percent)
        if review is not None and review.feedback
        else "",
    }
    template = "quizzes/attempt.html" if attempt.state == Attempt.State.IN_PROGRESS else "quizzes/review.html"
    return render(request, template, context)


def _answers_form(request: HttpRequest, attempt_id: int) -> AttemptAnswersForm:
    """The posted answers, read against the member's attempt (no fields for someone else's)."""
    return AttemptAnswersForm(
        request.POST, responses=attempt_answer_layout(attempt_id=attempt_id, member=signed_in_member(request))
    )


@login_required
@require_POST
def attempt_save_view(request: HttpRequest, attempt_id: int) -> HttpResponse:
    form = _answers_form(request, attempt_id)
    try:
        if not form.is_valid():
            raise QuizError(form.first_error())
        attempt = attempt_save(attempt_id=attempt_id, member=signed_in_member(request), answers=form.answers())
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
    form = _answers_form(request, attempt_id)
    try:
        if not form.is_valid():
            raise QuizError(form.first_error())
        attempt = attempt_submit(attempt_id=attempt_id, member=signed_in_member(request), answers=form.answers())
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
                marker=signed_in_member(request),
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


def _quiz(quiz_id: int) -> Quiz:
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404
    return quiz


@staff_required("quizzes.change_quiz")
@require_GET
def quiz_analysis(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _quiz(quiz_id)
    return render(
        request,
        "quizzes/analysis.html",
        {
            "quiz": quiz,
            "analysis": item_analysis(quiz=quiz, modules=modules_reported_to(request.user)),
            "csv_url": reverse("quizzes:analysis_csv", args=[quiz.pk]),
        },
    )


@staff_required("quizzes.change_quiz")
@require_GET
def quiz_analysis_csv(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _quiz(quiz_id)
    analysis = item_analysis(quiz=quiz, modules=modules_reported_to(request.user))
    rows: list[list[object]] = [
        ["attempts", analysis.attempts, "mean %", analysis.mean, "median %", analysis.median, "sd", analysis.stdev],
        ["question", "type", "responses", "facility index %", "discrimination index", "choice", "picked"],
    ]
    for item in analysis.questions:
        rows.append([item.label, item.kind, item.responses, item.facility, item.discrimination, "", ""])
        rows.extend(["", "", "", "", "", choice.text, choice.picked] for choice in item.choices)
    return csv_response(filename=f"quiz-{quiz.pk}-item-analysis.csv", rows=rows)
