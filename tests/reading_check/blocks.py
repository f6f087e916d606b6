"""The reading-check block: "confirm you have read this", which holds the module open until confirmed."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wagtail import blocks

from courses.activities import ActivityBlock, module_placements
from tests.reading_check.models import ReadingConfirmation

if TYPE_CHECKING:
    from accounts.models import User
    from courses.models import ModulePage


@dataclass(frozen=True)
class ReadingPlacement:
    block_id: str
    statement: str
    required: bool


class ReadingCheckBlock(ActivityBlock[ReadingPlacement]):
    statement = blocks.CharBlock(max_length=200, help_text="What the learner confirms, e.g. “I have read the guide”.")
    required = blocks.BooleanBlock(required=False, default=True)

    class Meta:
        label = "Reading check"
        template = "reading_check/block.html"

    def placement(self, *, block_id: str, fields: Mapping[str, Any]) -> ReadingPlacement | None:
        return ReadingPlacement(block_id=block_id, statement=fields["statement"], required=bool(fields["required"]))

    def completion_blocker(
        self, *, member: "User", module: "ModulePage", placements: Sequence[ReadingPlacement]
    ) -> str | None:
        required = {placement.block_id: placement.statement for placement in placements if placement.required}
        confirmed = set(
            ReadingConfirmation.objects.filter(member=member, module=module, block_id__in=required).values_list(
                "block_id", flat=True
            )
        )
        missing = [statement for block_id, statement in required.items() if block_id not in confirmed]
        return f"Confirm “{missing[0]}” to finish this module." if missing else None


def reading_placements(module: "ModulePage") -> list[ReadingPlacement]:
    return module_placements(module, ReadingCheckBlock)
