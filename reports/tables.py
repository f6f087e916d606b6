"""A report's table as plain data, and small-count suppression over it (pure functions).

Every figure on the dashboard is a `Table`: row labels with one value per column. A column is
a count, or a figure derived from a count in the same row (hours, a percentage) that is hidden
whenever that count is. Commissioners see counts from 1 to 4 as "fewer than 5" (the threshold is
the service's one rule, `elearning.suppression.SMALL_COUNT`, shared with quality and cpd); zero is shown:
it identifies no one.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from elearning.suppression import SMALL_COUNT, suppress_small_counts

Value = int | Decimal | None  # None: suppressed (or no figure), shown as FEWER_THAN


@dataclass(frozen=True)
class Column:
    heading: str
    basis: int | None = None  # a derived column: the index of the count column that decides whether it shows
    charted: bool = True


@dataclass(frozen=True)
class Table:
    key: str  # names its CSV: /reports/<key>.csv
    title: str
    row_heading: str
    columns: tuple[Column, ...]
    rows: list[tuple[str, list[Value]]] = field(default_factory=list)
    note: str = ""


FEWER_THAN = f"fewer than {SMALL_COUNT}"


def suppressed(table: Table, *, threshold: int = SMALL_COUNT) -> Table:
    """The table with every count from 1 to threshold - 1 hidden, by quality's rule for a row
    (`suppress_small_counts`): where a row would hide only one count, the next smallest is hidden
    too, so it cannot be worked out from the row's total (a statement's levels add up to the
    services that rated it). Each derived figure is hidden with the count it rests on."""
    counts = [index for index, column in enumerate(table.columns) if column.basis is None]
    hidden: set[tuple[int, int]] = set()
    for row, (_, values) in enumerate(table.rows):
        row_counts = [int(values[index] or 0) for index in counts]
        shown = suppress_small_counts(row_counts, threshold=threshold)
        hidden |= {(row, counts[n]) for n, value in enumerate(shown) if value is None}
    rows = []
    for row, (label, values) in enumerate(table.rows):
        rows.append(
            (
                label,
                [
                    None if (row, index if column.basis is None else column.basis) in hidden else value
                    for index, (column, value) in enumerate(zip(table.columns, values, strict=True))
                ],
            )
        )
    return replace(table, rows=rows)


def csv_rows(table: Table) -> list[list[object]]:
    """The table as CSV rows, headings first; a hidden value reads FEWER_THAN, as on the page."""
    rows: list[list[object]] = [[table.row_heading, *(column.heading for column in table.columns)]]
    for label, values in table.rows:
        rows.append([label, *(FEWER_THAN if value is None else value for value in values)])
    return rows
