"""Reads about members."""

from typing import Any

from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.personal_data import personal_data_sections


def member_export_data(*, member: User) -> dict[str, Any]:
    """Everything the platform holds about a member, for a data-protection
    (subject access) request. Other apps add their sections as they are built."""
    return {
        "profile": {
            "email": member.email,
            "full_name": member.full_name,
            "organisation": member.organisation,
            "job_role": member.job_role,
            "sector": member.get_sector_display() if member.sector else "",
            "region": member.get_region_display() if member.region else "",
            "role": member.role.label,
            "date_joined": member.date_joined.isoformat(),
            "last_login": member.last_login.isoformat() if member.last_login else None,
        },
        "enews_consent": {
            "given": member.enews_consent,
            "given_at": member.enews_consent_at.isoformat() if member.enews_consent_at else None,
            "history": [
                {
                    "given": change.given,
                    "route": change.get_route_display(),
                    "reference": change.reference,
                    "at": change.at.isoformat(),
                }
                for change in member.enews_consent_changes.all()
            ],
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=member).order_by("email")
        ],
        **personal_data_sections(member=member),
    }
