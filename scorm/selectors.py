"""Reads for SCORM: where packages are placed and whether they hold a module."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

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
    titles = sorted(str(package) for package in ScormPackage.objects.filter(pk__in=missing))
    if not titles:
        return None  # a package deleted after it was placed no longer holds the module
    return "Complete " + ", ".join(f"“{title}”" for title in titles) + " to finish this module."
