"""Each app's share of a member's personal data: export and erasure.

Apps that hold personal data register, in AppConfig.ready(), an exporter for
their section of the member's download (naming the models it covers), and
any step that must run before an account is erased (such as giving up
workshop places so the waiting list moves up), so accounts never imports
those apps. A model that points at a member and is deliberately left out of
the export is registered with the reason (`personal_data_not_exported`);
tests/accounts/test_personal_data.py fails for a model that is neither.
"""

from collections.abc import Callable, Iterable
from typing import Any

from accounts.models import User

Exporter = Callable[[User], Any]
ErasureStep = Callable[..., Any]
_exporters: dict[str, Exporter] = {}
_exported_models: dict[str, str] = {}  # "app_label.ModelName" -> its section
_not_exported: dict[str, str] = {}  # "app_label.ModelName" -> why it is not in the download
_erasure_steps: dict[str, ErasureStep] = {}


def personal_data_exporter_register(*, section: str, exporter: Exporter, models: Iterable[str] = ()) -> None:
    _exporters[section] = exporter
    for model in models:
        _exported_models[model] = section


def personal_data_models_exported(*, section: str, models: Iterable[str]) -> None:
    """For models exported by a section accounts builds itself (the profile, the addresses)."""
    for model in models:
        _exported_models[model] = section


def personal_data_not_exported(*, model: str, reason: str) -> None:
    _not_exported[model] = reason


def personal_data_coverage() -> tuple[dict[str, str], dict[str, str]]:
    """(model -> section exporting it, model -> reason it is not exported)."""
    return dict(_exported_models), dict(_not_exported)


def personal_data_sections(*, member: User) -> dict[str, Any]:
    return {section: exporter(member) for section, exporter in sorted(_exporters.items())}


def erasure_step_register(*, name: str, step: ErasureStep) -> None:
    """`step(member=...)` runs inside the erasure's transaction, before the account is deleted."""
    _erasure_steps[name] = step


def erasure_steps() -> list[ErasureStep]:
    return [step for _, step in sorted(_erasure_steps.items())]
