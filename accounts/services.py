"""Writes to members. Each function owns its transaction."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from accounts.roles import ROLE_GROUPS, forget_roles


@transaction.atomic
def member_update_profile(
    *,
    member: User,
    full_name: str,
    organisation: str,
    job_role: str,
    sector: str,
    region: str,
    enews_consent: bool,
) -> User:
    """Save a member's profile. Consent keeps the time it was first given;
    withdrawing it clears the time. Fields are validated by the caller's form."""
    member.full_name = full_name.strip()
    member.organisation = organisation.strip()
    member.job_role = job_role.strip()
    member.sector = sector
    member.region = region
    if enews_consent and member.enews_consent_at is None:
        member.enews_consent_at = timezone.now()
    elif not enews_consent:
        member.enews_consent_at = None
    member.full_clean(exclude=["password"])
    member.save()
    return member


@transaction.atomic
def member_set_role(*, member: User, role: Role) -> User:
    """Give a member exactly one role. Roles are group memberships, so the
    permissions they carry are edited in the Wagtail admin like any group's."""
    staff_groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
    member.groups.remove(*staff_groups)
    if role in ROLE_GROUPS:
        member.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    forget_roles(member)
    return member


@transaction.atomic
def member_erase(*, member: User) -> None:
    """Erase a member and everything the platform holds about them (a
    data-protection erasure request). Their learner records (enrolments,
    progress, reflections) go with them through the database's cascades;
    the courses they pointed at stay. Cannot be undone."""
    member.delete()
