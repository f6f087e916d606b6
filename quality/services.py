"""Writes for self-assessments. Each function owns its transaction, checks
the member's role on the team itself, and raises a QualityError subclass
(with a message fit to show) when it refuses; a refusal changes nothing."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from quality.choices import CAN_EDIT, CAN_MANAGE, ActionStatus, AssessmentStatus, TeamRole
from quality.models import (
    Action,
    Assessment,
    Invitation,
    QualityStatement,
    StatementChecklistItem,
    StatementResponse,
    TeamMembership,
)
from quality.notify import quality_email_queue


class QualityError(Exception):
    """A refusal with a message for the member."""


class NotAllowed(QualityError):
    pass


class AssessmentClosed(QualityError):
    def __init__(self) -> None:
        super().__init__("This assessment has been completed, so it can no longer be changed.")


class InvitationInvalid(QualityError):
    def __init__(self) -> None:
        super().__init__(
            "This invitation link is not valid any more. It may have expired, been withdrawn or been used already. "
            "Ask the team's owner to send a new one."
        )


class InvitationForSomeoneElse(QualityError):
    def __init__(self) -> None:
        super().__init__(
            "This invitation was sent to a different email address. Sign in with the address it was sent to."
        )


@dataclass
class ResponseConflict(QualityError):
    """Someone else saved this statement since the member loaded it."""

    current: StatementResponse

    def __str__(self) -> str:
        return "Someone else saved this statement while you were working on it."


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _role(assessment: Assessment, member: User) -> str | None:
    return TeamMembership.objects.filter(assessment=assessment, member=member).values_list("role", flat=True).first()


def _require(assessment: Assessment, member: User, roles: set[TeamRole], doing: str) -> None:
    role = _role(assessment, member)
    if role not in roles:
        raise NotAllowed(f"Your role on this team does not let you {doing}.")


def _require_open(assessment: Assessment) -> None:
    """Read the status under a row lock, not from the caller's copy: a save
    that races the owner completing the assessment waits for it, then refuses."""
    status = Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("status", flat=True).get()
    if status != AssessmentStatus.IN_PROGRESS:
        raise AssessmentClosed


def _responses_create(assessment: Assessment) -> None:
    existing = set(assessment.responses.values_list("statement_id", flat=True))
    StatementResponse.objects.bulk_create(
        StatementResponse(assessment=assessment, statement=statement)
        for statement in QualityStatement.objects.exclude(pk__in=existing)
    )


@transaction.atomic
def assessment_start(*, member: User, organisation: str, team_name: str, sector: str, region: str) -> Assessment:
    """Start a self-assessment with `member` as its owner. Fields are validated by the caller's form."""
    assessment = Assessment.objects.create(
        organisation=organisation.strip(),
        team_name=team_name.strip(),
        sector=sector,
        region=region,
        started_at=timezone.now(),
    )
    TeamMembership.objects.create(assessment=assessment, member=member, role=TeamRole.OWNER)
    _responses_create(assessment)
    return assessment


@transaction.atomic
def invitation_create(*, assessment: Assessment, invited_by: User, email: str, role: str) -> Invitation:
    """Invite `email` to the team and email them a link that works for
    QUALITY_INVITATION_DAYS. Owners only. Raises NotAllowed, QualityError
    (already on the team). The token is in the email only; the row keeps its hash."""
    _require(assessment, invited_by, CAN_MANAGE, "invite colleagues")
    email = email.strip()
    if role not in TeamRole.values:
        raise QualityError("Choose a role for your colleague.")
    if TeamMembership.objects.filter(assessment=assessment, member__email__iexact=email).exists():
        raise QualityError(f"{email} is already on this team.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        assessment=assessment,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.QUALITY_INVITATION_DAYS),
    )
    quality_email_queue(
        to=email,
        subject=f"Join the {assessment.team_name} quality self-assessment on i-HOP",
        template="quality/email/invitation.txt",
        key=f"quality:invitation:{invitation.pk}",
        context={
            "assessment": assessment,
            "invitation": invitation,
            "inviter": invited_by,
            "path": reverse("quality:invitation_accept", args=[token]),
        },
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, member: User) -> None:
    """Withdraw a pending invitation so its link stops working. Owners only."""
    _require(invitation.assessment, member, CAN_MANAGE, "withdraw invitations")
    if invitation.accepted_at is None and invitation.withdrawn_at is None:
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])


def invitation_find(*, token: str) -> Invitation:
    """The pending, unexpired invitation with this token. Raises InvitationInvalid."""
    invitation = (
        Invitation.objects.select_related("assessment")
        .filter(token_hash=token_hash(token), withdrawn_at=None, accepted_at=None, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise InvitationInvalid
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, member: User) -> Assessment:
    """Join the team as the invitation says. Only the member signed in with the
    invited address may accept: a forwarded link does not let anyone else in.
    Raises InvitationInvalid, InvitationForSomeoneElse."""
    invitation = invitation_find(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.withdrawn_at is not None:
        raise InvitationInvalid
    if invitation.email.casefold() != member.email.casefold():
        raise InvitationForSomeoneElse
    TeamMembership.objects.get_or_create(
        assessment=invitation.assessment, member=member, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = member
    invitation.email = ""
    invitation.save(update_fields=["accepted_at", "accepted_by", "email"])
    return invitation.assessment


@transaction.atomic
def response_save(
    *,
    assessment: Assessment,
    statement: QualityStatement,
    member: User,
    rating: int | None,
    evidence: str,
    met_item_ids: list[int],
    expected_version: int,
) -> StatementResponse:
    """Save the team's answer for one statement if nobody has saved it since
    `expected_version`. Raises NotAllowed, AssessmentClosed, and
    ResponseConflict (carrying what is saved now) for a stale save, unless
    what is saved now is exactly what the member sent, or was saved last by
    this member themselves."""
    _require(assessment, member, CAN_EDIT, "change answers")
    _require_open(assessment)
    response, _ = StatementResponse.objects.get_or_create(assessment=assessment, statement=statement)
    items = list(StatementChecklistItem.objects.filter(statement=statement, pk__in=met_item_ids))
    evidence = evidence.strip()
    values = {"rating": rating, "evidence": evidence, "updated_by": member, "updated_at": timezone.now()}
    # One conditional UPDATE: of two saves from the same version, the database lets exactly one through.
    updated = StatementResponse.objects.filter(pk=response.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if not updated:
        current = StatementResponse.objects.select_related("updated_by").get(pk=response.pk)
        same = (
            current.rating == rating
            and current.evidence == evidence
            and {item.pk for item in items} == set(current.met_items.values_list("pk", flat=True))
        )
        if same:
            return current
        # The newer version is the member's own (their autosave overtaken by their
        # form post): they saw everything before it, so theirs to replace.
        if current.updated_by_id != member.pk or not StatementResponse.objects.filter(
            pk=response.pk, version=current.version
        ).update(version=F("version") + 1, **values):
            raise ResponseConflict(current=current)
    response.met_items.set(items)
    response.refresh_from_db()
    return response


def _check_owner(assessment: Assessment, owner: User | None) -> None:
    if owner is not None and _role(assessment, owner) is None:
        raise QualityError("An action's owner must be on the team.")


@transaction.atomic
def action_create(
    *,
    assessment: Assessment,
    member: User,
    title: str,
    statement: QualityStatement | None = None,
    owner: User | None = None,
    due_on: date | None = None,
    remind_before_due: bool = False,
    source_item: StatementChecklistItem | None = None,
) -> Action:
    """Add an action to the team's plan. Raises NotAllowed, AssessmentClosed, QualityError."""
    _require(assessment, member, CAN_EDIT, "change the action plan")
    _require_open(assessment)
    _check_owner(assessment, owner)
    if not title.strip():
        raise QualityError("Say what the action is.")
    return Action.objects.create(
        assessment=assessment,
        statement=statement or (source_item.statement if source_item else None),
        source_item=source_item,
        title=title.strip(),
        owner=owner,
        due_on=due_on,
        remind_before_due=remind_before_due,
        created_by=member,
    )


def action_add_suggested(*, assessment: Assessment, member: User, item: StatementChecklistItem) -> Action:
    """Put a checklist item's suggested action on the plan, once. Raises as action_create."""
    existing = Action.objects.filter(assessment=assessment, source_item=item).first()
    if existing is not None:
        return existing
    return action_create(assessment=assessment, member=member, title=item.action_text, source_item=item)


@transaction.atomic
def action_update(
    *,
    action: Action,
    member: User,
    title: str,
    owner: User | None,
    due_on: date | None,
    status: str,
    remind_before_due: bool,
) -> Action:
    """Change an action. A new due date or reminder choice re-arms the reminder.
    Raises NotAllowed, AssessmentClosed, QualityError."""
    assessment = action.assessment
    _require(assessment, member, CAN_EDIT, "change the action plan")
    _require_open(assessment)
    _check_owner(assessment, owner)
    if not title.strip():
        raise QualityError("Say what the action is.")
    if status not in ActionStatus.values:
        raise QualityError("Choose a status.")
    if due_on != action.due_on or owner != action.owner or (remind_before_due and not action.remind_before_due):
        action.reminder_sent_at = None
    action.title = title.strip()
    action.owner = owner
    action.due_on = due_on
    action.status = status
    action.remind_before_due = remind_before_due
    action.save()
    return action


@transaction.atomic
def assessment_complete(*, assessment: Assessment, member: User) -> Assessment:
    """Mark the assessment complete; it becomes a read-only record. Owners only.
    Raises NotAllowed, AssessmentClosed."""
    _require(assessment, member, CAN_MANAGE, "complete the assessment")
    _require_open(assessment)
    assessment = Assessment.objects.get(pk=assessment.pk)
    assessment.status = AssessmentStatus.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["status", "completed_at"])
    return assessment


@transaction.atomic
def assessment_start_next(*, assessment: Assessment, member: User) -> Assessment:
    """Start a new assessment from a completed one: the same team, its answers
    as the starting point and the actions not yet done. Owners only; a second
    call returns the follow-up already started. Raises NotAllowed, QualityError."""
    _require(assessment, member, CAN_MANAGE, "start a new assessment")
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.COMPLETED:
        raise QualityError("Complete this assessment before starting the next one.")
    existing = Assessment.objects.filter(previous=assessment).first()
    if existing is not None:
        return existing
    follow_up = Assessment.objects.create(
        organisation=assessment.organisation,
        team_name=assessment.team_name,
        sector=assessment.sector,
        region=assessment.region,
        started_at=timezone.now(),
        previous=assessment,
    )
    TeamMembership.objects.bulk_create(
        TeamMembership(assessment=follow_up, member_id=membership.member_id, role=membership.role)
        for membership in assessment.memberships.all()
    )
    for old in assessment.responses.prefetch_related("met_items"):
        response = StatementResponse.objects.create(
            assessment=follow_up, statement_id=old.statement_id, rating=old.rating, evidence=old.evidence
        )
        response.met_items.set(old.met_items.all())
    _responses_create(follow_up)
    Action.objects.bulk_create(
        Action(
            assessment=follow_up,
            statement_id=old.statement_id,
            source_item_id=old.source_item_id,
            title=old.title,
            owner_id=old.owner_id,
            due_on=old.due_on,
            status=old.status,
            remind_before_due=old.remind_before_due,
            reminder_sent_at=old.reminder_sent_at,
            created_by_id=old.created_by_id,
        )
        for old in assessment.actions.exclude(status=ActionStatus.DONE)
    )
    return follow_up


def action_reminders_send_due(*, today: date | None = None) -> int:
    """Email each owner who asked for a reminder, QUALITY_REMINDER_DAYS_BEFORE
    days (or fewer) before an open action is due. Each action is claimed by a
    conditional UPDATE first, so two runs never send one reminder twice.
    Returns how many were sent."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.QUALITY_REMINDER_DAYS_BEFORE)
    due = Action.objects.filter(
        remind_before_due=True,
        reminder_sent_at=None,
        owner__isnull=False,
        due_on__gte=today,
        due_on__lte=horizon,
        assessment__status=AssessmentStatus.IN_PROGRESS,
    ).exclude(status=ActionStatus.DONE)
    sent = 0
    for action_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Action.objects.filter(pk=action_id, reminder_sent_at=None).update(reminder_sent_at=timezone.now())
            if not claimed:
                continue
            action = Action.objects.select_related("owner", "assessment").get(pk=action_id)
            assert action.owner is not None
            quality_email_queue(
                to=action.owner.email,
                subject=f"Action due {action.due_on:%-d %B}: {action.title}"[:150],
                template="quality/email/action_reminder.txt",
                key=f"quality:action-reminder:{action.pk}:{action.due_on}",
                context={
                    "action": action,
                    "path": reverse("quality:action_edit", args=[action.assessment_id, action.pk]),
                },
            )
            sent += 1
    return sent
