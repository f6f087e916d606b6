"""Each app's share of a member's personal data, for export on request.

Apps that hold personal data register an exporter in AppConfig.ready(), so a
member's download includes it without accounts importing those apps.
"""

from collections.abc import Callable
from typing import Any

from accounts.models import User

Exporter = Callable[[User], Any]
_exporters: dict[str, Exporter] = {}


def personal_data_exporter_register(*, section: str, exporter: Exporter) -> None:
    _exporters[section] = exporter


def personal_data_sections(*, member: User) -> dict[str, Any]:
    return {section: exporter(member) for section, exporter in sorted(_exporters.items())}
