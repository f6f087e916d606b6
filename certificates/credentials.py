"""Open Badges 3.0: each certificate as an OpenBadgeCredential (a W3C
Verifiable Credential 2.0), signed as a VC-JWT with the platform's key."""

from datetime import UTC, datetime, time
from typing import Any

from django.conf import settings

from certificates.models import Certificate
from certificates.signing import jwt_sign

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def _site() -> str:
    return str(settings.SITE_URL).rstrip("/")


def _instant(day: Any) -> str:
    return datetime.combine(day, time.min, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_profile() -> dict[str, Any]:
    return {
        "id": f"{_site()}/",
        "type": ["Profile"],
        "name": settings.CERTIFICATES_ISSUER_NAME,
        "url": f"{_site()}/",
    }


def achievement(certificate: Certificate) -> dict[str, Any]:
    if certificate.kind == Certificate.Kind.COURSE:
        narrative = f"Complete every required module of the online course “{certificate.title}”."
        description = f"An i-HOP online course worth {certificate.cpd_hours} CPD hours."
        achievement_type = "Course"
    else:
        narrative = f"Attend the workshop “{certificate.title}”."
        description = f"An i-HOP workshop worth {certificate.cpd_hours} CPD hours."
        if certificate.course_title:
            description += f" A face-to-face run of “{certificate.course_title}”."
        achievement_type = "Certificate"
    return {
        "id": f"{_site()}/achievements/{certificate.kind}/{certificate.achievement_id}",
        "type": ["Achievement"],
        "achievementType": achievement_type,
        "name": certificate.title,
        "description": description,
        "criteria": {"narrative": narrative},
        "creditsAvailable": float(certificate.cpd_hours),
        "creator": issuer_profile(),
    }


def credential_build(certificate: Certificate) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of a certificate."""
    credential: dict[str, Any] = {
        "@context": CONTEXTS,
        "id": certificate.verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.title}: certificate",
        "issuer": issuer_profile(),
        "validFrom": _instant(certificate.issued_on),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": certificate.name_printed,
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": achievement(certificate),
            "creditsEarned": float(certificate.cpd_hours),
        },
    }
    if certificate.expires_on:
        credential["validUntil"] = _instant(certificate.expires_on)
    return credential


def credential_sign(certificate: Certificate) -> str:
    """The VC-JWT: the credential itself as the payload (VC-JOSE-COSE), with the
    JWT claims Open Badges 3.0 asks for beside it (iss, jti, nbf, exp)."""
    credential = credential_build(certificate)
    claims: dict[str, Any] = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(datetime.fromisoformat(credential["validFrom"]).timestamp()),
    }
    if "validUntil" in credential:
        claims["exp"] = int(datetime.fromisoformat(credential["validUntil"]).timestamp())
    return jwt_sign(claims)
