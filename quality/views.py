"""Thin views: each resolves the member's membership of the assessment the
URL names (404 for anyone not on the team, staff included), calls a service
and turns its refusals into messages."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from elearning.web import csv_response, signed_in_member
from quality.choices import CAN_EDIT, CAN_MANAGE
from quality.documents import assessment_csv_rows, assessment_pdf, download_filename
from quality.forms import ActionForm, AssessmentStartForm, InvitationForm, ResponseForm
from quality.models import Action, Assessment, Invitation, QualityStatement, StatementChecklistItem, TeamMembership
from quality.selectors import (
    assessment_report,
    assessments_for_member,
    membership_for,
    pending_invitations,
    statements_with_links,
    suggested_actions,
    team_of,
)
from quality.services import (
    InvitationForSomeoneElse,
    InvitationInvalid,
    QualityError,
    ResponseConflict,
    action_add_suggested,
    action_create,
    action_update,
    assessment_complete,
    assessment_start,
    assessment_start_next,
    invitation_accept,
    invitation_create,
    invitation_find,
    invitation_withdraw,
    response_save,
)

TeamView = Callable[..., HttpResponse]


def team_member_required(view: TeamView) -> TeamView:
    """Only the assessment's team may open it: anyone else gets the same 404
    as for an assessment that does not exist."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, assessment_id: int, **kwargs: Any) -> HttpResponse:
        membership = membership_for(member=signed_in_member(request), assessment_id=assessment_id)
        if membership is None:
            raise Http404("No such assessment.")
        return view(request, membership, **kwargs)

    return wrapped


def _detail(membership: TeamMembership) -> HttpResponse:
    return redirect("quality:assessment_detail", membership.assessment_id)


# --- Public: the statements themselves ---


@require_GET
def statement_list(request: HttpRequest) -> HttpResponse:
    return render(request, "quality/statement_list.html", {"statements": QualityStatement.objects.all()})


@require_GET
def statement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    statement = get_object_or_404(statements_with_links(), slug=slug)
    return render(request, "quality/statement_detail.html", {"statement": statement})


# --- Assessments ---


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    assessments = assessments_for_member(member=member)
    return render(request, "quality/assessment_list.html", {"assessments": assessments})


@login_required
def assessment_new(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    initial = {"organisation": member.organisation, "sector": member.sector, "region": member.region}
    form = AssessmentStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        assessment = assessment_start(member=member, **form.cleaned_data)
        messages.success(request, "Your self-assessment has started. Work through the statements in any order.")
        return redirect("quality:assessment_detail", assessment.pk)
    return render(request, "quality/assessment_new.html", {"form": form})


@team_member_required
@require_GET
def assessment_detail(request: HttpRequest, membership: TeamMembership) -> HttpResponse:
    report = assessment_report(assessment=membership.assessment)
    return render(
        request,
        "quality/assessment_detail.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "report": report,
            "can_edit": membership.role in CAN_EDIT and membership.assessment.is_open,
            "can_manage": membership.role in CAN_MANAGE,
            "follow_up": Assessment.objects.filter(previous=membership.assessment).first(),
        },
    )


@team_member_required
def response_edit(request: HttpRequest, membership: TeamMembership, number: int) -> HttpResponse:
    assessment = membership.assessment
    statement = get_object_or_404(statements_with_links(), number=number)
    response = assessment.responses.filter(statement=statement).first()
    can_edit = membership.role in CAN_EDIT and assessment.is_open
    autosave = request.headers.get("X-Autosave") == "1"
    conflict: ResponseConflict | None = None
    if request.method == "POST":
        form = ResponseForm(request.POST, statement=statement)
        if not can_edit:
            if autosave:
                return JsonResponse({"error": "You cannot change this assessment."}, status=403)
            messages.error(request, "You cannot change this assessment.")
            return _detail(membership)
        if form.is_valid():
            try:
                saved = response_save(
                    assessment=assessment,
                    statement=statement,
                    member=signed_in_member(request),
                    rating=form.cleaned_data["rating"],
                    evidence=form.cleaned_data["evidence"],
                    met_item_ids=form.cleaned_data["met_items"],
                    expected_version=form.cleaned_data["version"],
                )
            except ResponseConflict as error:
                if autosave:
                    return JsonResponse({"conflict": True}, status=409)
                conflict = error
                # Offer "keep mine" against what is saved now: the form carries the new version.
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = ResponseForm(data, statement=statement)
            else:
                if autosave:
                    saved_at = saved.updated_at.isoformat() if saved.updated_at else None
                    return JsonResponse({"version": saved.version, "saved_at": saved_at})
                messages.success(request, f"Saved: {statement.title}.")
                if "next" in request.POST and number < QualityStatement.objects.count():
                    return redirect("quality:response_edit", assessment.pk, number + 1)
                return _detail(membership)
        elif autosave:
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    else:
        initial: dict[str, Any] = {"version": response.version if response else 0}
        if response is not None:
            initial |= {
                "rating": response.rating or "",
                "evidence": response.evidence,
                "met_items": list(response.met_items.values_list("pk", flat=True)),
            }
        form = ResponseForm(initial=initial, statement=statement)
    theirs = None
    if conflict is not None:
        current = conflict.current
        theirs = {
            "rating": current.get_rating_display() if current.rating else "Not rated",
            "evidence": current.evidence,
            "met_items": [item.text for item in current.met_items.all()],
            "by": str(current.updated_by) if current.updated_by else "a former team member",
        }
    return render(
        request,
        "quality/response_edit.html",
        {
            "membership": membership,
            "assessment": assessment,
            "statement": statement,
            "form": form,
            "can_edit": can_edit,
            "theirs": theirs,
            "statement_count": QualityStatement.objects.count(),
        },
        status=409 if conflict else 200,
    )


@team_member_required
def team(request: HttpRequest, membership: TeamMembership) -> HttpResponse:
    assessment = membership.assessment
    can_manage = membership.role in CAN_MANAGE
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise Http404("Only owners invite colleagues.")
        if form.is_valid():
            try:
                invitation_create(
                    assessment=assessment,
                    invited_by=signed_in_member(request),
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except QualityError as error:
                form.add_error("email", str(error))
            else:
                messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
                return redirect("quality:team", assessment.pk)
    return render(
        request,
        "quality/team.html",
        {
            "membership": membership,
            "assessment": assessment,
            "team": team_of(assessment=assessment),
            "invitations": pending_invitations(assessment=assessment) if can_manage else [],
            "form": form,
            "can_manage": can_manage,
        },
    )


@team_member_required
@require_POST
def invitation_withdraw_view(request: HttpRequest, membership: TeamMembership, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id, assessment=membership.assessment)
    try:
        invitation_withdraw(invitation=invitation, member=signed_in_member(request))
    except QualityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The invitation to {invitation.email} is withdrawn; its link no longer works.")
    return redirect("quality:team", membership.assessment_id)


@login_required
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    member = signed_in_member(request)
    try:
        invitation = invitation_find(token=token)
        if invitation.email.casefold() != member.email.casefold():
            raise InvitationForSomeoneElse
        if request.method == "POST":
            assessment = invitation_accept(token=token, member=member)
            messages.success(request, f"You have joined {assessment.team_name}'s self-assessment.")
            return redirect("quality:assessment_detail", assessment.pk)
    except (InvitationInvalid, InvitationForSomeoneElse) as error:
        return render(request, "quality/invitation_invalid.html", {"message": str(error)}, status=404)
    return render(request, "quality/invitation_accept.html", {"invitation": invitation})


# --- Action plan ---


@team_member_required
def action_plan(request: HttpRequest, membership: TeamMembership) -> HttpResponse:
    assessment = membership.assessment
    can_edit = membership.role in CAN_EDIT and assessment.is_open
    form = ActionForm(request.POST or None, assessment_id=assessment.pk)
    if request.method == "POST":
        if not can_edit:
            messages.error(request, "You cannot change this action plan.")
            return redirect("quality:action_plan", assessment.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                action_create(
                    assessment=assessment,
                    member=signed_in_member(request),
                    title=data["title"],
                    statement=data["statement"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    remind_before_due=data["remind_before_due"],
                )
            except QualityError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Added to the plan: {data['title']}.")
                return redirect("quality:action_plan", assessment.pk)
    report = assessment_report(assessment=assessment)
    return render(
        request,
        "quality/action_plan.html",
        {
            "membership": membership,
            "assessment": assessment,
            "report": report,
            "suggestions": suggested_actions(report=report) if can_edit else [],
            "form": form,
            "can_edit": can_edit,
        },
    )


@team_member_required
@require_POST
def action_add_suggested_view(request: HttpRequest, membership: TeamMembership, item_id: int) -> HttpResponse:
    item = get_object_or_404(StatementChecklistItem, pk=item_id)
    try:
        action = action_add_suggested(assessment=membership.assessment, member=signed_in_member(request), item=item)
    except QualityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Added to the plan: {action.title}. Give it an owner and a due date.")
        return redirect("quality:action_edit", membership.assessment_id, action.pk)
    return redirect("quality:action_plan", membership.assessment_id)


@team_member_required
def action_edit(request: HttpRequest, membership: TeamMembership, action_id: int) -> HttpResponse:
    assessment = membership.assessment
    action = get_object_or_404(Action, pk=action_id, assessment=assessment)
    can_edit = membership.role in CAN_EDIT and assessment.is_open
    initial = {
        "title": action.title,
        "statement": action.statement_id,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "status": action.status,
        "remind_before_due": action.remind_before_due,
    }
    form = ActionForm(request.POST or None, initial=initial, assessment_id=assessment.pk)
    if request.method == "POST" and can_edit and form.is_valid():
        data = form.cleaned_data
        try:
            action_update(
                action=action,
                member=signed_in_member(request),
                title=data["title"],
                owner=data["owner"],
                due_on=data["due_on"],
                status=data["status"],
                remind_before_due=data["remind_before_due"],
            )
        except QualityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Saved: {action.title}.")
            return redirect("quality:action_plan", assessment.pk)
    elif request.method == "POST" and not can_edit:
        messages.error(request, "You cannot change this action plan.")
        return redirect("quality:action_plan", assessment.pk)
    return render(
        request,
        "quality/action_edit.html",
        {"membership": membership, "assessment": assessment, "action": action, "form": form, "can_edit": can_edit},
    )


# --- Completing, following up, downloads ---


@team_member_required
def assessment_complete_view(request: HttpRequest, membership: TeamMembership) -> HttpResponse:
    assessment = membership.assessment
    if membership.role not in CAN_MANAGE or not assessment.is_open:
        raise Http404("Only an owner completes an assessment in progress.")
    if request.method == "POST":
        assessment_complete(assessment=assessment, member=signed_in_member(request))
        messages.success(request, "The assessment is complete. Download it, or start the next one when you are ready.")
        return _detail(membership)
    report = assessment_report(assessment=assessment)
    return render(
        request,
        "quality/assessment_complete.html",
        {"membership": membership, "assessment": assessment, "report": report},
    )


@team_member_required
@require_POST
def assessment_next_view(request: HttpRequest, membership: TeamMembership) -> HttpResponse:
    try:
        follow_up = assessment_start_next(assessment=membership.assessment, member=signed_in_member(request))
    except QualityError as error:
        messages.error(request, str(error))
        return _detail(membership)
    messages.success(request, "A new assessment has started from your last one. Change the ratings that have moved on.")
    return redirect("quality:assessment_detail", follow_up.pk)


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@team_member_required
@require_GET
def assessment_pdf_view(request: HttpRequest, membership: TeamMembership) -> HttpResponse:
    report = assessment_report(assessment=membership.assessment)
    return _download(
        assessment_pdf(report=report), content_type="application/pdf", filename=download_filename(report, "pdf")
    )


@team_member_required
@require_GET
def assessment_csv_view(request: HttpRequest, membership: TeamMembership) -> HttpResponse:
    report = assessment_report(assessment=membership.assessment)
    response = csv_response(filename=download_filename(report, "csv"), rows=assessment_csv_rows(report=report))
    response["Cache-Control"] = "no-store"
    return response
