"""Reads for certificates: a member's own, and the public verification."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jwt
from django.db.models import QuerySet

from accounts.models import User
from certificates.codes import code_normalise
from certificates.models import Certificate
from certificates.signing import jwt_verify


def certificates_for_member(*, member: User) -> QuerySet[Certificate]:
    """The member's certificates a learner still holds (not the superseded ones). One query."""
    return Certificate.objects.filter(member=member).exclude(status=Certificate.Status.SUPERSEDED)


def certificate_for_member(*, member: User, certificate_id: int) -> Certificate | None:
    """One of the member's own certificates, or None: another member's is never found."""
    return certificates_for_member(member=member).filter(pk=certificate_id).first()


class VerifyStatus:
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    NOT_FOUND = "not_found"


@dataclass
class Verification:
    status: str
    certificate: Certificate | None
    credential_checked: bool = False
    credential_error: str = ""

    @property
    def shows_details(self) -> bool:
        # A superseded certificate points to nothing personal: no name, no details.
        return self.certificate is not None and self.status != VerifyStatus.SUPERSEDED


def certificate_verify(*, code: str) -> Verification:
    """What /verify/<code>/ shows. One query."""
    normalised = code_normalise(code)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    if certificate is None:
        return Verification(VerifyStatus.NOT_FOUND, None)
    if certificate.status == Certificate.Status.SUPERSEDED:
        return Verification(VerifyStatus.SUPERSEDED, certificate)
    if certificate.status == Certificate.Status.REVOKED:
        status = VerifyStatus.REVOKED
    elif certificate.is_expired():
        status = VerifyStatus.EXPIRED
    else:
        status = VerifyStatus.VALID
    verification = Verification(status, certificate)
    if certificate.credential_jwt:
        verification.credential_checked, verification.credential_error = credential_check(certificate)
    return verification


def credential_check(certificate: Certificate) -> tuple[bool, str]:
    """Whether the stored open credential is signed by our published key and
    says what the certificate says."""
    try:
        payload = jwt_verify(certificate.credential_jwt)
    except jwt.InvalidTokenError as error:
        return False, f"The open credential's signature does not check out ({error})."
    subject: dict[str, Any] = payload.get("credentialSubject", {})
    names = [entry.get("identityHash") for entry in subject.get("identifier", [])]
    if payload.get("id") != certificate.verify_url or names != [certificate.name_printed]:
        return False, "The open credential does not match this certificate."
    return True, ""


def linkedin_add_url(certificate: Certificate) -> str:
    """LinkedIn's "Add to profile" address for a certification, filled in."""
    fields: dict[str, Any] = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.title,
        "organizationName": certificate.issuer,
        "issueYear": certificate.issued_on.year,
        "issueMonth": certificate.issued_on.month,
        "certUrl": certificate.verify_url,
        "certId": certificate.code_display,
    }
    if certificate.expires_on:
        fields["expirationYear"] = certificate.expires_on.year
        fields["expirationMonth"] = certificate.expires_on.month
    return "https://www.linkedin.com/profile/add?" + urlencode(fields)


def certificates_personal_data(member: User) -> list[dict[str, Any]]:
    return [
        {
            "code": certificate.code_display,
            "status": certificate.status,
            "name_printed": certificate.name_printed,
            "title": certificate.title,
            "cpd_hours": str(certificate.cpd_hours),
            "issued_on": certificate.issued_on.isoformat(),
            "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
            "revoked_reason": certificate.revoked_reason,
        }
        for certificate in Certificate.objects.filter(member=member)
    ]
