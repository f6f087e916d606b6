"""Sections of the member's dashboard, contributed by other apps.

Apps that build on accounts (courses' "My learning", later workshops'
"My bookings" and certificates) register a panel in their AppConfig.ready(),
so accounts never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accounts.models import User


@dataclass
class DashboardPanel:
    template: str
    context: dict[str, Any]


PanelBuilder = Callable[[User], DashboardPanel]
_builders: list[tuple[int, PanelBuilder]] = []


def dashboard_panel_register(*, order: int, builder: PanelBuilder) -> None:
    if all(existing is not builder for _, existing in _builders):
        _builders.append((order, builder))
        _builders.sort(key=lambda entry: entry[0])


def dashboard_panels(*, member: User) -> list[DashboardPanel]:
    return [builder(member) for _, builder in _builders]
