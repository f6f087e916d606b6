"""Charts drawn on the server by pygal, as SVG images (no script, no network).

Each chart goes into the page as an `<img>` whose source is a `data:` URL: our
Content-Security-Policy allows images from `data:` (elearning/csp_directives.py), while the
SVG's own stylesheet, which pygal writes inline, would be refused in the page itself. An image
runs no script, so pygal's tooltips are left out (`js=[]`). The chart carries a `<title>` and a
`<desc>`; the page gives the `<img>` the same text as its alternative, and the table beside it
holds every figure for a screen reader.

Drawing is most of the dashboard's own time (pygal takes about 5 ms a chart, a dozen charts a
page), and a chart is a pure function of its table, so each is drawn once per distinct table and
kept in the shared cache: a changed figure is a different table, so it is drawn afresh at once.
"""

import base64
import hashlib
from html import escape

import pygal
from django.core.cache import cache
from pygal.style import Style

from reports.tables import Table, Value

# The site's purple and green (static/css), then quieter colours for further series.
HOUSE = Style(
    background="white",
    plot_background="white",
    foreground="#222222",
    foreground_strong="#222222",
    foreground_subtle="#555555",
    colors=("#4b2a7b", "#0b6b5a", "#b35900", "#2b5c9e", "#8a1c4a"),
    font_family="sans-serif",
)


def chart_description(table: Table) -> str:
    charted = ", ".join(column.heading.lower() for column in table.columns if column.charted)
    return f"Bar chart of {charted} by {table.row_heading.lower()}; the table beside it gives every figure."


def _height(value: Value) -> float | None:
    return None if value is None else float(value)


def chart_svg(table: Table) -> str:
    """The table's charted columns as a bar chart, one bar group per row (hidden values are not drawn)."""
    chart = pygal.Bar(
        style=HOUSE,
        js=[],
        width=720,
        height=360,
        title=table.title,
        x_label_rotation=30 if len(table.rows) > 6 else 0,
        truncate_label=24,
        legend_at_bottom=True,
        no_data_text="Nothing to show",
    )
    chart.x_labels = [label for label, _ in table.rows]
    for index, column in enumerate(table.columns):
        if column.charted:
            heights = [_height(values[index]) for _, values in table.rows]
            chart.add(column.heading, heights)
    svg = chart.render(is_unicode=True)
    opening_end = svg.index(">", svg.index("<svg")) + 1
    labels = f"<title>{escape(table.title)}</title><desc>{escape(chart_description(table))}</desc>"
    return svg[:opening_end] + labels + svg[opening_end:]


CHART_CACHE_SECONDS = 24 * 3600


def _chart_key(table: Table) -> str:
    drawn = (table.title, table.row_heading, [(c.heading, c.charted) for c in table.columns], table.rows)
    return "reports:chart:" + hashlib.sha256(repr(drawn).encode()).hexdigest()


def chart_data_url(table: Table) -> str:
    """The chart as a data: URL, drawn once per distinct table (see above)."""
    drawn = cache.get_or_set(
        _chart_key(table),
        lambda: "data:image/svg+xml;base64," + base64.b64encode(chart_svg(table).encode()).decode(),
        CHART_CACHE_SECONDS,
    )
    return str(drawn)
