"""Reads for SCORM: where packages are placed, attempts, the trainer's report."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from courses.api import ModulePage, module_placements
from scorm.blocks import ScormBlock, ScormPlacement
from scorm.models import ScormAttempt, ScormPackage


def scorm_placements(module: ModulePage) -> list[ScormPlacement]:
    """The SCORM blocks of a module's body, in order. No query."""
    return module_placements(module, ScormBlock)


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
