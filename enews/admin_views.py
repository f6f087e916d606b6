"""The e-news in the Wagtail admin: each issue's preview as a member receives it, a test to
oneself, sending now or at a set time, and the figures. Writing an issue is Wagtail's page editor."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from enews.forms import ScheduleForm
from enews.models import EnewsIssuePage, EnewsSend
from enews.selectors import issues_for_admin, send_figures
from enews.services import EnewsError, enews_cancel, enews_message, enews_schedule, enews_test_send

SEND_PERMISSION = "enews.send_enews"


def _require(request: HttpRequest) -> None:
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied


def _issue(issue_id: int) -> EnewsIssuePage:
    return get_object_or_404(EnewsIssuePage, pk=issue_id)


def enews_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    return render(request, "enews/admin/list.html", {"rows": issues_for_admin()})


def enews_issue(request: HttpRequest, issue_id: int, form: ScheduleForm | None = None) -> HttpResponse:
    _require(request)
    issue = _issue(issue_id)
    send = EnewsSend.objects.filter(issue=issue).first()
    context: dict[str, Any] = {
        "issue": issue,
        "send": send,
        "figures": send_figures(send) if send else None,
        "form": form or ScheduleForm(),
    }
    return render(request, "enews/admin/issue.html", context, status=400 if form else 200)


def enews_preview(request: HttpRequest, issue_id: int) -> HttpResponse:
    """The latest draft as the signed-in administrator would receive it (the admin's policy
    allows the email's inline styles; nothing in it runs)."""
    _require(request)
    issue = _issue(issue_id).get_latest_revision_as_object()
    message = enews_message(issue=issue, member=request.user)  # type: ignore[arg-type]
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    return HttpResponse(html)


@require_POST
def enews_test(request: HttpRequest, issue_id: int) -> HttpResponse:
    _require(request)
    issue = _issue(issue_id)
    try:
        enews_test_send(issue=issue.get_latest_revision_as_object(), to=request.user)  # type: ignore[arg-type]
    except EnewsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"A test is on its way to {request.user.email}.")  # type: ignore[union-attr]
    return redirect("enews_admin:issue", issue_id=issue.pk)


@require_POST
def enews_send(request: HttpRequest, issue_id: int) -> HttpResponse:
    _require(request)
    issue = _issue(issue_id)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return enews_issue(request, issue_id, form=form)
    send_at = form.cleaned_data["send_at"]
    try:
        send = enews_schedule(issue=issue, actor=request.user, send_at=send_at)  # type: ignore[arg-type]
    except EnewsError as error:
        form.add_error("send_at" if send_at else None, str(error))
        return enews_issue(request, issue_id, form=form)
    if send.send_at > timezone.now():
        when = timezone.localtime(send.send_at).strftime("%-d %B %Y at %H:%M")
        messages.success(request, f"“{issue.title}” will be sent to members on {when}.")
    else:
        messages.success(request, f"“{issue.title}” is being sent to every member who asked for the e-news.")
    return redirect("enews_admin:issue", issue_id=issue.pk)


@require_POST
def enews_cancel_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    _require(request)
    issue = _issue(issue_id)
    try:
        enews_cancel(issue=issue)
    except EnewsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{issue.title}” will not be sent. You can schedule it again.")
    return redirect("enews_admin:issue", issue_id=issue.pk)


urlpatterns = [
    path("", enews_list, name="list"),
    path("<int:issue_id>/", enews_issue, name="issue"),
    path("<int:issue_id>/preview/", enews_preview, name="preview"),
    path("<int:issue_id>/test/", enews_test, name="test"),
    path("<int:issue_id>/send/", enews_send, name="send"),
    path("<int:issue_id>/cancel/", enews_cancel_view, name="cancel"),
]
