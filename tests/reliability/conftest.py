"""Figures measured by the fault tests, shown at the end of every run.

A test asks for `figure` and calls it with a name and a value; the value is
kept on the test's report (`record_property`) and printed in the terminal
summary, so the figures appear in plain `pytest` output, without `-s`.
"""

from collections.abc import Callable

import pytest


@pytest.fixture
def figure(record_property: Callable[[str, object], None]) -> Callable[[str, object], None]:
    def record(name: str, value: object) -> None:
        record_property(f"figure: {name}", value)

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, value in getattr(report, "user_properties", []):
                if name.startswith("figure: "):
                    lines.append(f"{report.nodeid.split('::')[-1]}: {name.removeprefix('figure: ')} = {value}")
    if lines:
        terminalreporter.section("reliability figures")
        for line in lines:
            terminalreporter.write_line(line)
