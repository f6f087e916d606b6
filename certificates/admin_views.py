"""Administrators' views in the Wagtail admin: find, revoke and reissue certificates."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from certificates.codes import code_normalise
from certificates.models import Certificate
from certificates.services import CertificateError, certificate_reissue, certificate_revoke
from elearning.web import signed_in_member, staff_required

PAGE_SIZE = 50


administrators_only = staff_required("certificates.change_certificate")


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to anyone who checks this certificate.",
    )


class ReissueForm(forms.Form):
    name_printed = forms.CharField(label="Name as it should be printed", max_length=150)


@administrators_only
def certificate_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:150]
    certificates = Certificate.objects.select_related("member").order_by("-created_at")
    if query:
        code = code_normalise(query)
        condition = Q(name_printed__icontains=query) | Q(member__email__icontains=query) | Q(title__icontains=query)
        certificates = certificates.filter(condition | Q(code=code) if code else condition)
    return render(
        request,
        "certificates/admin/list.html",
        {"certificates": certificates[:PAGE_SIZE], "query": query, "page_size": PAGE_SIZE},
    )


def _certificate(certificate_id: int) -> Certificate:
    certificate = Certificate.objects.select_related("member").filter(pk=certificate_id).first()
    if certificate is None:
        raise Http404
    return certificate


@administrators_only
def certificate_revoke_view(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = _certificate(certificate_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate_id=certificate.pk, reason=form.cleaned_data["reason"], actor=signed_in_member(request)
            )
        except CertificateError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, f"Certificate {certificate.code_display} is revoked.")
            return redirect("certificates_admin:list")
    return render(request, "certificates/admin/revoke.html", {"certificate": certificate, "form": form})


@administrators_only
def certificate_reissue_view(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = _certificate(certificate_id)
    form = ReissueForm(request.POST or None, initial={"name_printed": certificate.member.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            new = certificate_reissue(
                certificate_id=certificate.pk,
                name_printed=form.cleaned_data["name_printed"],
                actor=signed_in_member(request),
            )
        except CertificateError as error:
            form.add_error("name_printed", str(error))
        else:
            messages.success(
                request, f"Certificate reissued as {new.code_display}; {certificate.code_display} is superseded."
            )
            return redirect("certificates_admin:list")
    return render(request, "certificates/admin/reissue.html", {"certificate": certificate, "form": form})


urlpatterns = [
    path("", certificate_list, name="list"),
    path("<int:certificate_id>/revoke/", certificate_revoke_view, name="revoke"),
    path("<int:certificate_id>/reissue/", certificate_reissue_view, name="reissue"),
]
