"""Reads for SCORM: where packages are placed and whether they hold a module."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from accounts.models import User
from scorm.models import ScormAttempt, ScormPackage

if TYPE_CHECKING:
    from courses.models import ModulePage


@dataclass(frozen=True)
class ScormPlacement:
    block_id: str
    package_id: int
    attempts_allowed: int
    new_attempt_after_completion: bool
    mastery_score: Decimal | None
    completion_rule: str
    required: bool


def scorm_placements(module: "ModulePage") -> list[ScormPlacement]:
    """The SCORM blocks of a module's body, read from its stored JSON (no query)."""
    placements = []
    for block in module.body.raw_data:
        if block.get("type") != "scorm":
            continue
        value = block.get("value") or {}
        if not isinstance(value.get("package"), int):
            continue
        mastery = value.get("mastery_score")
        placements.append(
            ScormPlacement(
                block_id=block.get("id", ""),
                package_id=value["package"],
                attempts_allowed=int(value.get("attempts_allowed") or 0),
                new_attempt_after_completion=bool(value.get("new_attempt_after_completion", False)),
                mastery_score=Decimal(str(mastery)) if mastery not in (None, "") else None,
                completion_rule=value.get("completion_rule") or "completed",
                required=value.get("required", True),
            )
        )
    return placements


def scorm_gate(member: User, module: "ModulePage") -> str | None:
    """Courses' completion gate: every required package in the module must be
    completed by the block's rule in some attempt. One query at most (two when
    something is missing, to name it)."""
    required = {placement.package_id for placement in scorm_placements(module) if placement.required}
    if not required:
        return None
    done = set(
        ScormAttempt.objects.filter(
            member=member, module=module, package_id__in=required, completed_at__isnull=False
        ).values_list("package_id", flat=True)
    )
    missing = required - done
    if not missing:
        return None
    titles = sorted(package.display_title for package in ScormPackage.objects.filter(pk__in=missing))
    if not titles:
        return None  # a package deleted after it was placed no longer holds the module
    return "Complete " + ", ".join(f"“{title}”" for title in titles) + " to finish this module."


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
    interactions: list[dict[str, str]]

    @property
    def time(self) -> str:
        hours, rest = divmod(self.seconds, 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _interactions(cmi: dict[str, Any]) -> list[dict[str, str]]:
    """Each SCO's interactions as the package reported them (1.2 and 2004 names)."""
    found = []
    for sco, entry in sorted(cmi.items()):
        data = (entry or {}).get("cmi") or {}
        listing = data.get("interactions") or {}
        items = listing.values() if isinstance(listing, dict) else listing if isinstance(listing, list) else []
        for item in items:
            if isinstance(item, dict):
                found.append(
                    {
                        "sco": str(sco),
                        "id": str(item.get("id", "")),
                        "response": str(item.get("learner_response", item.get("student_response", ""))),
                        "result": str(item.get("result", "")),
                    }
                )
    return found


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
            interactions=_interactions(attempt.cmi),
        )
        for attempt in attempts
    ]


def latest_attempt(*, member: User, module: "ModulePage", package_id: int) -> ScormAttempt | None:
    """The member's latest attempt at a package placed in a module: one query."""
    return (
        ScormAttempt.objects.filter(member=member, module=module, package_id=package_id)
        .only("number", "completion_status", "success_status", "score_raw", "completed_at", "location")
        .order_by("-number")
        .first()
    )
