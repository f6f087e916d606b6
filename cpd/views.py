"""The learner's CPD record and evaluation, and the staff's evaluation results. Thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import is_staff_member
from cpd.documents import cpd_record_pdf
from cpd.forms import AggregateFilterForm, EvaluationForm, ExternalEntryForm
from cpd.selectors import (
    cpd_csv_rows,
    cpd_record,
    evaluation_aggregate,
    evaluation_existing,
    evaluation_filter_choices,
    evaluation_invites,
    evaluation_target,
    external_entry_for_member,
)
from cpd.services import (
    CpdError,
    evaluation_submit,
    external_entry_create,
    external_entry_delete,
    external_entry_update,
)
from elearning.web import csv_response, signed_in_member


@login_required
@require_GET
def record(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    cpd = cpd_record(member=member)
    invites = evaluation_invites(member=member, record=cpd)
    return render(request, "cpd/record.html", {"record": cpd, "invites": invites})


def _entry_form(request: HttpRequest, form: ExternalEntryForm, *, entry_id: int | None = None) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    return render(request, "cpd/entry_form.html", {"form": form, "entry_id": entry_id}, status=status)


@login_required
def entry_add(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    form = ExternalEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            external_entry_create(member=member, **form.cleaned_data)
        except CpdError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Added to your CPD record.")
            return redirect("cpd:record")
    return _entry_form(request, form)


@login_required
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    member = signed_in_member(request)
    entry = external_entry_for_member(member=member, entry_id=entry_id)
    if entry is None:
        raise Http404
    initial = {"title": entry.title, "done_on": entry.done_on, "hours": entry.hours, "note": entry.note}
    form = ExternalEntryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            external_entry_update(member=member, entry_id=entry.pk, **form.cleaned_data)
        except CpdError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your CPD record has been updated.")
            return redirect("cpd:record")
    return _entry_form(request, form, entry_id=entry.pk)


@login_required
@require_POST
def entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    try:
        external_entry_delete(member=signed_in_member(request), entry_id=entry_id)
    except CpdError as error:
        raise Http404 from error
    messages.success(request, "The entry has been deleted from your CPD record.")
    return redirect("cpd:record")


@login_required
@require_GET
def record_pdf(request: HttpRequest) -> HttpResponse:
    pdf = cpd_record_pdf(record=cpd_record(member=signed_in_member(request)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="my-i-hop-cpd-record.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def record_csv(request: HttpRequest) -> HttpResponse:
    response = csv_response(
        filename="my-i-hop-cpd-record.csv", rows=cpd_csv_rows(cpd_record(member=signed_in_member(request)))
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _evaluate(request: HttpRequest, *, course_id: int | None = None, workshop_id: int | None = None) -> HttpResponse:
    member = signed_in_member(request)
    target = evaluation_target(member=member, course_id=course_id, workshop_id=workshop_id)
    if target is None:
        # Only someone who completed the course or attended the workshop may evaluate it.
        raise Http404
    existing = evaluation_existing(member=member, target=target)
    initial: dict[str, object] = {}
    if existing is not None:
        initial = {"usefulness": existing.usefulness, "will_do_differently": existing.will_do_differently}
        for rating in existing.ratings.all():
            initial[f"before_{rating.position}"] = rating.before
            initial[f"after_{rating.position}"] = rating.after
    form = EvaluationForm(request.POST if request.method == "POST" else None, initial=initial, outcomes=target.outcomes)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_submit(
                member=member,
                target=target,
                confidence=form.confidence(),
                usefulness=form.cleaned_data["usefulness"],
                will_do_differently=form.cleaned_data["will_do_differently"],
            )
        except CpdError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you: your evaluation has been saved. You can change it at any time.")
            return redirect("cpd:record")
    status = 400 if request.method == "POST" else 200
    context = {"target": target, "form": form, "existing": existing}
    return render(request, "cpd/evaluate.html", context, status=status)


@login_required
def evaluate_course(request: HttpRequest, course_id: int) -> HttpResponse:
    return _evaluate(request, course_id=course_id)


@login_required
def evaluate_workshop(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return _evaluate(request, workshop_id=workshop_id)


@login_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    viewer = signed_in_member(request)
    if not is_staff_member(viewer):
        raise Http404
    choices = evaluation_filter_choices(viewer)
    form = AggregateFilterForm(request.GET or None, **choices)
    filters = form.cleaned_data if form.is_valid() else {}
    aggregate = evaluation_aggregate(
        viewer=viewer,
        by=filters.get("by") or "course",
        course_id=filters.get("course"),
        workshop_id=filters.get("workshop"),
        sector=filters.get("sector") or "",
        region=filters.get("region") or "",
    )
    return render(request, "cpd/results.html", {"form": form, "aggregate": aggregate})
