import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.dashboard import dashboard_panels
from accounts.forms import PROFILE_FIELDS, EraseAccountForm, ProfileForm
from accounts.selectors import member_export_data
from accounts.services import member_erase, member_update_profile
from elearning.web import signed_in_member


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    return render(request, "accounts/dashboard.html", {"member": member, "panels": dashboard_panels(member=member)})


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        member_update_profile(
            member=member,
            enews_consent=form.cleaned_data["enews_consent"],
            **{name: form.cleaned_data[name] for name in PROFILE_FIELDS},
        )
        messages.success(request, "Your profile has been saved.")
        return redirect("accounts:dashboard")
    if request.method == "POST":
        # The form's instance was changed by validation; show the saved values elsewhere.
        member.refresh_from_db()
    return render(request, "accounts/profile_form.html", {"form": form})


@login_required
@require_GET
def data_export(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    data = member_export_data(member=member)
    data["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-i-hop-learning-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def erase(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    form = EraseAccountForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        logout(request)
        member_erase(member=member, actor=member)
        messages.success(request, "Your account and everything we held about you have been deleted.")
        return redirect("/")
    return render(request, "accounts/erase.html", {"form": form})
