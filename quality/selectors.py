"""Reads for self-assessments, each in a fixed number of queries. Every read
that names an assessment starts from the member's own membership."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from accounts.choices import Region, Sector
from accounts.models import User
from elearning.suppression import SMALL_COUNT, suppress_small_counts
from quality.choices import ActionStatus, AssessmentStatus, Rating
from quality.models import (
    Action,
    Assessment,
    Invitation,
    QualityStatement,
    StatementChecklistItem,
    StatementResponse,
    TeamMembership,
)

FORMER_MEMBER = "A former team member"


def statements_with_links() -> QuerySet[QualityStatement]:
    return QualityStatement.objects.prefetch_related(
        Prefetch("checklist_items", queryset=StatementChecklistItem.objects.order_by("sort_order")),
        "module_links__page",
        "resource_links__resource__organisation",
    )


def membership_for(*, member: User, assessment_id: int) -> TeamMembership | None:
    """The member's place on this assessment's team, with the assessment; None for anyone not on it."""
    if not member.is_authenticated:
        return None
    return (
        TeamMembership.objects.select_related("assessment").filter(member=member, assessment_id=assessment_id).first()
    )


def assessments_for_member(*, member: User) -> QuerySet[Assessment]:
    return Assessment.objects.filter(memberships__member=member).order_by("-started_at")


def team_of(*, assessment: Assessment) -> list[TeamMembership]:
    return list(assessment.memberships.select_related("member").order_by("joined_at"))


def pending_invitations(*, assessment: Assessment) -> list[Invitation]:
    return list(
        assessment.invitations.filter(accepted_at=None, withdrawn_at=None, expires_at__gt=timezone.now()).order_by(
            "-created_at"
        )
    )


@dataclass
class StatementReport:
    statement: QualityStatement
    response: StatementResponse
    checklist: list[tuple[StatementChecklistItem, bool]]
    previous_rating: int | None = None
    actions: list[Action] = field(default_factory=list)

    @property
    def rating_label(self) -> str:
        return Rating(self.response.rating).label if self.response.rating else "Not rated"

    @property
    def previous_label(self) -> str:
        return Rating(self.previous_rating).label if self.previous_rating else "Not rated"

    @property
    def change(self) -> int | None:
        if self.response.rating is None or self.previous_rating is None:
            return None
        return self.response.rating - self.previous_rating

    @property
    def updated_by_name(self) -> str:
        if self.response.updated_by is not None:
            return str(self.response.updated_by)
        return FORMER_MEMBER if self.response.updated_at else ""


@dataclass
class AssessmentReport:
    assessment: Assessment
    statements: list[StatementReport]
    actions: list[Action]
    team: list[TeamMembership]

    @property
    def rated(self) -> int:
        return sum(1 for entry in self.statements if entry.response.rating)

    @property
    def has_previous(self) -> bool:
        return self.assessment.previous_id is not None


def assessment_report(*, assessment: Assessment) -> AssessmentReport:
    """Everything the assessment's pages, PDF and CSV show, in seven queries."""
    statements = list(
        QualityStatement.objects.prefetch_related(
            Prefetch("checklist_items", queryset=StatementChecklistItem.objects.order_by("sort_order"))
        )
    )
    responses = {
        response.statement_id: response
        for response in assessment.responses.select_related("updated_by").prefetch_related("met_items")
    }
    previous: dict[int, int | None] = {}
    if assessment.previous_id is not None:
        previous = dict(
            StatementResponse.objects.filter(assessment_id=assessment.previous_id).values_list("statement_id", "rating")
        )
    actions = list(assessment.actions.select_related("owner", "statement").order_by("due_on", "created_at", "pk"))
    by_statement: dict[int | None, list[Action]] = defaultdict(list)
    for action in actions:
        by_statement[action.statement_id].append(action)
    entries = []
    for statement in statements:
        response = responses.get(statement.pk) or StatementResponse(assessment=assessment, statement=statement)
        met = {item.pk for item in response.met_items.all()} if response.pk else set()
        entries.append(
            StatementReport(
                statement=statement,
                response=response,
                checklist=[(item, item.pk in met) for item in statement.checklist_items.all()],
                previous_rating=previous.get(statement.pk),
                actions=by_statement.get(statement.pk, []),
            )
        )
    return AssessmentReport(
        assessment=assessment, statements=entries, actions=actions, team=team_of(assessment=assessment)
    )


def suggested_actions(*, report: AssessmentReport) -> list[tuple[QualityStatement, StatementChecklistItem]]:
    """Checklist items not yet met and not yet on the plan."""
    planned = {action.source_item_id for action in report.actions}
    return [
        (entry.statement, item)
        for entry in report.statements
        for item, met in entry.checklist
        if not met and item.pk not in planned
    ]


def overdue_actions_for_member(*, member: User) -> list[Action]:
    """Open actions the member owns that are past their due date, on assessments still in progress."""
    return list(
        Action.objects.filter(
            owner=member, due_on__lt=timezone.localdate(), assessment__status=AssessmentStatus.IN_PROGRESS
        )
        .exclude(status=ActionStatus.DONE)
        .select_related("assessment")
        .order_by("due_on")
    )


def action_label(action: Action) -> str:
    return str(action.owner) if action.owner is not None else "No owner"


# --- For administrators: aggregates, never notes ---

GROUPINGS = {"region": ("assessment__region", Region), "sector": ("assessment__sector", Sector)}


@dataclass
class AggregateRow:
    group_label: str
    services: int | None  # None: fewer than SMALL_COUNT, suppressed
    counts: list[int | None]  # per rating, lowest first; None: suppressed


@dataclass
class StatementAggregate:
    statement: QualityStatement
    rows: list[AggregateRow]


def latest_completed_assessments() -> QuerySet[Assessment]:
    """Each team's most recent completed assessment: completed, and not followed by a completed one."""
    return Assessment.objects.filter(status=AssessmentStatus.COMPLETED).exclude(
        follow_up__status=AssessmentStatus.COMPLETED
    )


def ratings_aggregate(*, group_by: str) -> list[StatementAggregate]:
    """How many services rate themselves at each level of each statement, by
    region or sector, from each team's latest completed assessment. Ratings
    only: no notes, no names. Counts of 1 to 4 are suppressed (see elearning/suppression.py)."""
    group_field, choices = GROUPINGS[group_by]
    latest = latest_completed_assessments()
    assessment_field = group_field.removeprefix("assessment__")
    services = dict(
        latest.order_by().values(assessment_field).annotate(n=Count("pk")).values_list(assessment_field, "n")
    )
    counts: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    rows = (
        StatementResponse.objects.filter(assessment__in=latest, rating__isnull=False)
        .values_list("statement_id", group_field, "rating")
        .annotate(n=Count("pk"))
    )
    for statement_id, group, rating, n in rows:
        counts[(statement_id, group)][rating] = n
    labels: dict[str, Any] = dict(choices.choices)
    result = []
    for statement in QualityStatement.objects.all():
        table = []
        for group, label in labels.items():
            total = services.get(group, 0)
            if not total:
                continue
            raw = [counts[(statement.pk, group)].get(rating.value, 0) for rating in Rating]
            if total < SMALL_COUNT:
                table.append(AggregateRow(group_label=label, services=None, counts=[None] * len(raw)))
            else:
                table.append(AggregateRow(group_label=label, services=total, counts=suppress_small_counts(raw)))
        result.append(StatementAggregate(statement=statement, rows=table))
    return result


# --- Personal data ---


def quality_personal_data(member: User) -> dict[str, Any]:
    """What the member contributed: teams, the answers they last saved, actions they own or added."""
    memberships = TeamMembership.objects.filter(member=member).select_related("assessment")
    responses = StatementResponse.objects.filter(updated_by=member).select_related("statement", "assessment")
    actions = Action.objects.filter(owner=member) | Action.objects.filter(created_by=member)
    return {
        "teams": [
            {
                "team": m.assessment.team_name,
                "organisation": m.assessment.organisation,
                "role": m.get_role_display(),
                "joined_at": m.joined_at.isoformat(),
            }
            for m in memberships
        ],
        "answers_last_saved_by_you": [
            {
                "team": r.assessment.team_name,
                "statement": r.statement.title,
                "rating": r.get_rating_display() if r.rating else None,
                "evidence": r.evidence,
                "saved_at": r.updated_at.isoformat() if r.updated_at else None,
            }
            for r in responses
        ],
        "actions": [
            {
                "team": a.assessment.team_name,
                "title": a.title,
                "you_own_it": a.owner_id == member.pk,
                "you_added_it": a.created_by_id == member.pk,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "status": a.get_status_display(),
            }
            for a in actions.distinct().select_related("assessment").order_by("pk")
        ],
    }
