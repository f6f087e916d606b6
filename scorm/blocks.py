"""The SCORM block: a package placed in a module body with its settings, and the
completion gate that keeps the module open until the package is completed."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.activities import ActivityBlock
from scorm.models import ScormAttempt, ScormPackage

if TYPE_CHECKING:
    from accounts.models import User
    from courses.models import ModulePage


@dataclass(frozen=True)
class ScormPlacement:
    """A SCORM block in a module body, with the settings the trainer chose for it."""

    block_id: str
    package_id: int
    attempts_allowed: int
    new_attempt_after_completion: bool
    mastery_score: Decimal | None
    completion_rule: str
    required: bool


class ScormBlock(ActivityBlock[ScormPlacement]):
    package = SnippetChooserBlock("scorm.ScormPackage")
    attempts_allowed = blocks.IntegerBlock(
        min_value=0, default=0, help_text="How many attempts each learner may start; 0 for no limit."
    )
    new_attempt_after_completion = blocks.BooleanBlock(
        required=False, default=False, help_text="Start a fresh attempt when a learner returns after completing it."
    )
    mastery_score = blocks.DecimalBlock(
        required=False,
        min_value=0,
        max_value=100,
        help_text="Optional pass mark in percent; overrides the package's own when it reports a score.",
    )
    completion_rule = blocks.ChoiceBlock(
        choices=[
            ("completed", "Completed (or passed)"),
            ("passed", "Passed"),
            ("completed_and_passed", "Completed and passed"),
        ],
        default="completed",
        help_text="What the package must report for the module to count as done.",
    )
    required = blocks.BooleanBlock(
        required=False, default=True, help_text="Learners must complete it to finish the module."
    )

    class Meta:
        icon = "doc-full"
        label = "SCORM package"
        template = "scorm/blocks/scorm.html"

    def placement(self, *, block_id: str, fields: Mapping[str, Any]) -> ScormPlacement | None:
        if fields["package"] is None:
            return None
        return ScormPlacement(
            block_id=block_id,
            package_id=fields["package"],
            attempts_allowed=int(fields["attempts_allowed"] or 0),
            new_attempt_after_completion=bool(fields["new_attempt_after_completion"]),
            mastery_score=fields["mastery_score"],
            completion_rule=fields["completion_rule"] or "completed",
            required=bool(fields["required"]),
        )

    def completion_blocker(
        self, *, member: "User", module: "ModulePage", placements: Sequence[ScormPlacement]
    ) -> str | None:
        """Every required package in the module must be completed by the block's rule in some
        attempt. One query at most (two when something is missing, to name it)."""
        required = {placement.package_id for placement in placements if placement.required}
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
