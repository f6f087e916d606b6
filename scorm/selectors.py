"""Reads for SCORM: where packages are placed, attempts, the trainer's report."""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from courses.api import ModulePage, module_placements
from scorm.blocks import ScormBlock, ScormPlacement
from scorm.models import ScormAttempt, ScormGlobalObjective, ScormPackage
from scorm.sequencing import global_objectives_mapped


def scorm_placements(module: ModulePage) -> list[ScormPlacement]:
    """The SCORM blocks of a module's body, in order. No query."""
    return module_placements(module, ScormBlock)


def global_objectives_of(*, member: User, package: ScormPackage) -> dict[str, dict[str, Any]]:
    """The learner's global objectives that the package maps (reads or writes), as
    scorm-again's snapshot `{target: entry}` for the engine of a new page. One query, none
    for a package that maps no global objective."""
    targets = global_objectives_mapped(package.sequencing or {})
    if not targets:
        return {}
    rows = ScormGlobalObjective.objects.filter(member=member, objective_id__in=targets)
    return {row.objective_id: {**row.state, "id": row.objective_id} for row in rows}


@dataclass(frozen=True)
class ReportInteraction:
    """One interaction as a SCO reported it (SCORM 1.2 and 2004 names)."""

    sco: str
    id: str
    type: str
    response: str
    result: str
    latency: str
    time: str  # 1.2 `time`, 2004 `timestamp`


@dataclass(frozen=True)
class ReportPart:
    """One SCO of an attempt with its own statuses (the attempt's are rolled up from these)."""

    title: str
    completion: str
    success: str
    score: str


@dataclass(frozen=True)
class ReportRow:
    learner: str
    email: str
    module: str
    attempt: int
    completion: str
    success: str
    score: Decimal | None
    seconds: int
    completed: bool
    interactions: list[ReportInteraction]
    parts: list[ReportPart]
    activities: list["ReportActivity"] = field(default_factory=list)

    @property
    def time(self) -> str:
        hours, rest = divmod(self.seconds, 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


@dataclass(frozen=True)
class ReportActivity:
    """One activity of a sequenced package's tree as the engine last left it for an attempt."""

    title: str
    depth: int
    completion: str
    success: str
    attempts: int
    objectives: list[str]


def _objective_summary(objective: dict[str, Any]) -> str:
    status = "satisfied" if objective.get("satisfiedStatus") is True else "not satisfied"
    measure = f", measure {objective.get('normalizedMeasure')}" if objective.get("measureStatus") is True else ""
    return f"{objective.get('id') or 'primary'}: {status}{measure}"


def _activities(package: ScormPackage, state: str) -> list[ReportActivity]:
    """The package's activity tree with each activity's status, attempt count and
    objectives from scorm-again's stored state; empty for a package without sequencing
    or an attempt the engine has not yet reported on."""
    root = (package.sequencing or {}).get("activityTree")
    if not isinstance(root, dict):
        return []
    try:
        engine = json.loads(state) if state else {}
        states = engine.get("sequencing", {}).get("activityStates", {}) if isinstance(engine, dict) else {}
    except (ValueError, AttributeError):
        return []
    if not isinstance(states, dict) or not states:
        return []
    rows: list[ReportActivity] = []
    stack: list[tuple[dict[str, Any], int]] = [(root, 0)]
    while stack:
        activity, depth = stack.pop()
        known = states.get(activity.get("id")) or {}
        objectives = known.get("objectives")
        objectives = objectives if isinstance(objectives, dict) else {}
        rows.append(
            ReportActivity(
                title=str(activity.get("title", "")),
                depth=depth,
                completion=str(known.get("completionStatus") or "not attempted"),
                success=str(known.get("successStatus") or "unknown"),
                attempts=int(known.get("attemptCount") or 0) if str(known.get("attemptCount") or 0).isdigit() else 0,
                objectives=[_objective_summary(item) for item in _listing(objectives.get("objectives"))],
            )
        )
        stack.extend((child, depth + 1) for child in reversed(activity.get("children", [])))
    return rows


def _listing(value: Any) -> list[dict[str, Any]]:
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [item for item in items if isinstance(item, dict)]


def _interactions(package: ScormPackage, cmi: dict[str, Any]) -> list[ReportInteraction]:
    """Every SCO's interactions, in the manifest's order of SCOs and the SCO's own order."""
    found = []
    for sco in package.scos:
        data = (cmi.get(sco["identifier"]) or {}).get("cmi") or {}
        for item in _listing(data.get("interactions")):
            found.append(
                ReportInteraction(
                    sco=str(sco["title"]),
                    id=str(item.get("id", "")),
                    type=str(item.get("type", "")),
                    response=str(item.get("learner_response", item.get("student_response", ""))),
                    result=str(item.get("result", "")),
                    latency=str(item.get("latency", "")),
                    time=str(item.get("timestamp", item.get("time", ""))),
                )
            )
    return found


def _parts(package: ScormPackage, cmi: dict[str, Any]) -> list[ReportPart]:
    parts = []
    for sco in package.scos:
        entry = cmi.get(sco["identifier"]) or {}
        parts.append(
            ReportPart(
                title=str(sco["title"]),
                completion=str(entry.get("completion") or "not attempted"),
                success=str(entry.get("success") or "unknown"),
                score=str(entry.get("score_raw") or ""),
            )
        )
    return parts


def package_report(package: ScormPackage, *, modules: QuerySet[Any] | None = None) -> list[ReportRow]:
    """Every attempt at the package (in `modules` only, when given), by learner: one query."""
    attempts = ScormAttempt.objects.filter(package=package)
    if modules is not None:
        attempts = attempts.filter(module__in=modules)
    attempts = attempts.select_related("member", "module").order_by("member__email", "module_id", "number")
    return [
        ReportRow(
            learner=attempt.member.full_name,
            email=attempt.member.email,
            module=attempt.module.title,
            attempt=attempt.number,
            completion=attempt.completion_status,
            success=attempt.success_status,
            score=attempt.score_raw,
            seconds=attempt.total_seconds,
            completed=attempt.completed_at is not None,
            interactions=_interactions(package, attempt.cmi),
            parts=_parts(package, attempt.cmi),
            activities=_activities(package, attempt.sequencing_state),
        )
        for attempt in attempts
    ]


def latest_attempt(*, member: User, module: ModulePage, package_id: int) -> ScormAttempt | None:
    """The member's latest attempt at a package placed in a module: one query."""
    return (
        ScormAttempt.objects.filter(member=member, module=module, package_id=package_id)
        .only("number", "completion_status", "success_status", "score_raw", "completed_at", "location")
        .order_by("-number")
        .first()
    )


def scorm_personal_data(member: User) -> list[dict[str, Any]]:
    """A member's SCORM attempts, with everything the package's runtime stored (the CMI), for their data download."""
    attempts = ScormAttempt.objects.filter(member=member).select_related("package").order_by("started_at", "pk")
    return [
        {
            "package": attempt.package.title,
            "module_id": attempt.module_id,
            "attempt": attempt.number,
            "completion_status": attempt.completion_status,
            "success_status": attempt.success_status,
            "score_raw": str(attempt.score_raw) if attempt.score_raw is not None else None,
            "score_scaled": str(attempt.score_scaled) if attempt.score_scaled is not None else None,
            "total_seconds": attempt.total_seconds,
            "location": attempt.location,
            "started_at": attempt.started_at.isoformat(),
            "updated_at": attempt.updated_at.isoformat(),
            "completed_at": attempt.completed_at.isoformat() if attempt.completed_at else None,
            "cmi": attempt.cmi,
        }
        for attempt in attempts
    ]


def scorm_global_objectives_personal_data(member: User) -> list[dict[str, Any]]:
    """A member's SCORM global objectives (shared between packages), for their data download."""
    rows = ScormGlobalObjective.objects.filter(member=member).order_by("objective_id")
    return [
        {"objective": row.objective_id, "state": row.state, "updated_at": row.updated_at.isoformat()} for row in rows
    ]
