"""Activities in module bodies: the part of courses' public API that activity
apps build their blocks on.

An activity (a quiz, a SCORM package, any later one) is a StructBlock that
subclasses `ActivityBlock`, defined in its own app and named in the setting
`COURSES_ACTIVITY_BLOCKS` (block type → dotted path). `courses.blocks`
assembles the module body from that setting, so adding an activity changes
no code in courses. Each activity block says:

- what one placement of it is (`placement`: a typed value built from the
  block's stored fields, its chosen object as an id, so reading placements
  costs no query);
- what holds a module open (`completion_blocker`: a sentence for the learner,
  or None when the member may finish).

This module imports no models: activity blocks are loaded while courses'
models are, so they can import this, never `courses.api`.
"""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from wagtail import blocks
from wagtail.blocks.field_block import ChooserBlock

if TYPE_CHECKING:
    from accounts.models import User
    from courses.models import ModulePage

PlacementT = TypeVar("PlacementT")


class ActivityBlock(blocks.StructBlock, Generic[PlacementT]):
    """A module-body block that the learner does something with, and that may hold the module open."""

    def placement(self, *, block_id: str, fields: Mapping[str, Any]) -> PlacementT | None:
        """One placement from the block's stored fields (choosers as ids, the rest as their
        blocks read them). None when the stored value names no object: a half-edited block."""
        raise NotImplementedError

    def completion_blocker(
        self, *, member: "User", module: "ModulePage", placements: Sequence[PlacementT]
    ) -> str | None:
        """What the member must still do in these placements (all of this block type in the
        module) before the module can be completed; None when nothing."""
        raise NotImplementedError


BlockT = TypeVar("BlockT", bound=ActivityBlock[Any])


def activity_blocks(module: "ModulePage") -> dict[str, ActivityBlock[Any]]:
    """The activity blocks a module body can hold, by block type."""
    children = module.body.stream_block.child_blocks
    return {name: block for name, block in children.items() if isinstance(block, ActivityBlock)}


def _stored_fields(block: blocks.StructBlock, stored: Mapping[str, Any]) -> dict[str, Any]:
    """A struct block's stored value read by its child blocks, without the query a chooser
    makes: a chooser's field stays the chosen object's id (None if it is not an id)."""
    fields: dict[str, Any] = {}
    for name, child in block.child_blocks.items():
        if name not in stored:
            fields[name] = child.get_default()
        elif isinstance(child, ChooserBlock):
            fields[name] = stored[name] if isinstance(stored[name], int) else None
        elif stored[name] in (None, "") and not child.required:
            fields[name] = None
        elif isinstance(child, blocks.DecimalBlock) and isinstance(stored[name], float):
            fields[name] = child.to_python(str(stored[name]))  # 80.1, not its binary neighbour
        else:
            fields[name] = child.to_python(stored[name])
    return fields


def _placements_by_type(module: "ModulePage", kinds: Mapping[str, ActivityBlock[Any]]) -> dict[str, list[Any]]:
    """The placements of these block types in a module's body, in body order. The one
    reader of the body's stored data for every activity app; no query."""
    found: dict[str, list[Any]] = {name: [] for name in kinds}
    for stored in module.body.raw_data:
        block_type = stored.get("type", "")
        block = kinds.get(block_type)
        if block is None:
            continue
        fields = _stored_fields(block, stored.get("value") or {})
        placement = block.placement(block_id=stored.get("id", ""), fields=fields)
        if placement is not None:
            found[block_type].append(placement)
    return found


def module_placements(module: "ModulePage", block_class: type[ActivityBlock[PlacementT]]) -> list[PlacementT]:
    """Every placement of one kind of activity in a module's body (in body order for each
    block type of that class). No query."""
    kinds = {name: block for name, block in activity_blocks(module).items() if isinstance(block, block_class)}
    return [placement for placements in _placements_by_type(module, kinds).values() for placement in placements]


def module_completion_blockers(*, member: "User", module: "ModulePage") -> list[str]:
    """What the member must still do before the module can be completed: one sentence per
    kind of activity that holds it, asked only of the kinds the module places."""
    kinds = activity_blocks(module)
    reasons = []
    for block_type, placements in _placements_by_type(module, kinds).items():
        if not placements:
            continue
        if reason := kinds[block_type].completion_blocker(member=member, module=module, placements=placements):
            reasons.append(reason)
    return reasons
