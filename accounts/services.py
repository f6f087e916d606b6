"""Writes to members. Each function owns its transaction."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import EnewsConsentChange, User
from accounts.roles import ROLE_GROUPS, forget_roles
from audit.models import AuditEntry
from audit.services import audit_forget, audit_record


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
    route: str = EnewsConsentChange.Route.PROFILE,
) -> User:
    """Save a member's profile. Consent keeps the time it was first given;
    withdrawing it clears the time. Fields are validated by the caller's form."""
    member.full_name = full_name.strip()
    member.organisation = organisation.strip()
    member.job_role = job_role.strip()
    member.sector = sector
    member.region = region
    member.full_clean(exclude=["password"])
    # Not the consent: member_enews_consent_set writes it under a row lock, with its history.
    member.save(update_fields=["full_name", "organisation", "job_role", "sector", "region"])
    member_enews_consent_set(member=member, given=enews_consent, route=route)
    return member


@transaction.atomic
def member_enews_consent_set(*, member: User, given: bool, route: str, reference: str = "") -> bool:
    """Give or withdraw a member's e-news consent, keeping the history. Consent keeps the time it
    was first given; withdrawing clears it. Returns whether anything changed (setting it to what it
    already is, as a second click on an unsubscribe link does, changes nothing)."""
    locked = User.objects.select_for_update().only("enews_consent_at").get(pk=member.pk)
    if locked.enews_consent == given:
        member.enews_consent_at = locked.enews_consent_at
        return False
    member.enews_consent_at = timezone.now() if given else None
    User.objects.filter(pk=member.pk).update(enews_consent_at=member.enews_consent_at)
    EnewsConsentChange.objects.create(member=member, given=given, route=route, reference=reference)
    return True


@transaction.atomic
def member_set_role(*, member: User, role: Role, actor: User | None = None) -> User:
    """Give a member exactly one role. Roles are group memberships, so the
    permissions they carry are edited in the Wagtail admin like any group's.
    A change is written to the audit trail, naming `actor`."""
    before = member.role
    staff_groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
    member.groups.remove(*staff_groups)
    if role in ROLE_GROUPS:
        member.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    forget_roles(member)
    if before != role:
        audit_record(
            actor=actor, action=AuditEntry.Action.ROLE_CHANGED, target=member, changes={"role": [before, role]}
        )
    return member


def member_role_change_record(*, member: User, role_before: Role, actor: User | None) -> None:
    """Write the audit row for a role changed by editing the member's groups directly
    (the Wagtail user form), as member_set_role writes its own. Call it inside the
    transaction that saved the groups; nothing is written when the role is the same."""
    forget_roles(member)
    if member.role != role_before:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ROLE_CHANGED,
            target=member,
            changes={"role": [role_before, member.role]},
        )


@transaction.atomic
def member_erase(*, member: User, actor: User | None = None) -> None:
    """Erase a member and everything the platform holds about them (a
    data-protection erasure request). First each app's erasure step runs
    (workshops give up the member's places through the booking rules, so the
    waiting list moves up); then their records (enrolments, progress,
    reflections, bookings, certificates) go with them through the database's
    cascades; the courses they pointed at stay. Cannot be undone. The audit
    trail keeps a row of the erasure (by `actor`, the member themselves when
    None) with their id only, and forgets their name in earlier rows."""
    from accounts.personal_data import erasure_steps

    for step in erasure_steps():
        step(member=member)
    audit_record(
        actor=actor or member,
        action=AuditEntry.Action.MEMBER_ERASED,
        target=member,
        target_label=f"Member #{member.pk}",
    )
    audit_forget(person=member)
    member.delete()
