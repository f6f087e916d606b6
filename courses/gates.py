"""Completion gates: what must be true, beyond reading to the end, before a
module counts as finished.

Apps that put activities in module bodies (a required quiz, a SCORM package)
register a gate in their `AppConfig.ready`; `courses.services.module_complete`
asks every gate before recording a completion. This keeps `courses` ignorant
of the apps built on it: it never imports them.

A gate returns None when the member may finish the module, or a sentence
telling them what is still to do.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User
    from courses.models import ModulePage

Gate = Callable[["User", "ModulePage"], str | None]

_gates: dict[str, Gate] = {}


def completion_gate_register(name: str, gate: Gate) -> None:
    """Register (or, for the same name, replace) a gate."""
    _gates[name] = gate


def completion_blockers(*, member: "User", module: "ModulePage") -> list[str]:
    """What the member must still do before the module can be completed."""
    return [reason for gate in _gates.values() if (reason := gate(member, module)) is not None]
