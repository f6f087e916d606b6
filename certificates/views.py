"""Public verification, the JWKS, and a learner's own certificates. Thin."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from certificates.codes import code_display, code_normalise
from certificates.ratelimit import verify_rate_exceeded
from certificates.selectors import (
    VerifyStatus,
    certificate_for_member,
    certificate_verify,
    certificates_for_member,
    linkedin_add_url,
)
from certificates.signing import jwks as platform_jwks
from elearning.web import signed_in_member


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=40,
        help_text="16 letters and numbers, printed under the QR code, like 7KQ2-M9XD-4TPB-HC3R.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        normalised = code_normalise(self.cleaned_data["code"])
        if normalised is None:
            raise forms.ValidationError(
                "That is not a certificate code. Codes have 16 letters and numbers, like 7KQ2-M9XD-4TPB-HC3R."
            )
        return normalised


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "429.html", status=429)


@require_GET
@never_cache
def verify_form(request: HttpRequest) -> HttpResponse:
    if "code" not in request.GET:
        return render(request, "certificates/verify_form.html", {"form": VerifyForm()})
    if verify_rate_exceeded(request):
        return _too_many(request)
    form = VerifyForm(request.GET)
    if form.is_valid():
        return redirect("certificates:verify", code=code_display(form.cleaned_data["code"]))
    return render(request, "certificates/verify_form.html", {"form": form}, status=400)


@require_GET
@never_cache
def verify(request: HttpRequest, code: str) -> HttpResponse:
    if verify_rate_exceeded(request):
        return _too_many(request)
    verification = certificate_verify(code=code)
    status = 404 if verification.status == VerifyStatus.NOT_FOUND else 200
    return render(request, "certificates/verify.html", {"verification": verification, "code": code[:40]}, status=status)


@require_GET
@cache_control(public=True, max_age=300)
def jwks(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(platform_jwks())
    response["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers fetch it from anywhere
    return response


@login_required
@require_GET
def my_certificates(request: HttpRequest) -> HttpResponse:
    certificates = [
        (certificate, linkedin_add_url(certificate))
        for certificate in certificates_for_member(member=signed_in_member(request))
    ]
    return render(request, "certificates/my_certificates.html", {"certificates": certificates})


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, certificate_id: int) -> FileResponse:
    certificate = certificate_for_member(member=signed_in_member(request), certificate_id=certificate_id)
    if certificate is None or not certificate.pdf:
        raise Http404
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"i-HOP certificate {certificate.code_display}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def certificate_credential(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = certificate_for_member(member=signed_in_member(request), certificate_id=certificate_id)
    if certificate is None or not certificate.credential_jwt:
        raise Http404
    response = HttpResponse(certificate.credential_jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="i-HOP credential {certificate.code_display}.jwt"'
    response["Cache-Control"] = "private, no-store"
    return response
