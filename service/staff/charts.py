"""Charts drawn on the server as SVG (pygal, its outside scripts off), for <img> tags.

Each chart is sent inside the page as a data: address, so a page view computes the
figures once and loads nothing from anywhere else; every chart has its data table
beside it on the page, for screen readers and for copying.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import pygal
from pygal.etree import etree as pygal_etree
from pygal.style import Style

# The site's colours (static/site.css): dark blue text, the accent, then a contrast colour.
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1d2a3a",
    foreground_strong="#1d2a3a",
    foreground_subtle="#5b6675",
    colors=("#1f5fa8", "#c2571a", "#2e7d32", "#6a1b9a"),
    font_family="system-ui, sans-serif",
    title_font_size=16,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
)


def _config(**options: object) -> dict[str, object]:
    # js=[]: pygal would otherwise add a script from its CDN for tooltips.
    return {
        "js": [],
        "style": STYLE,
        "width": 720,
        "height": 320,
        "disable_xml_declaration": False,
        "print_values": False,
        "show_legend": True,
        "legend_at_bottom": True,
        "truncate_label": -1,
        **options,
    }


def _data_uri(chart: pygal.graph.graph.Graph) -> str:
    # pygal writes its settings into an inline <script> even without scripts to read
    # them; an image never runs it, but it is dead weight, so it goes.
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if str(child.tag).rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    # pygal.etree is whichever ElementTree pygal drew with (lxml when installed).
    svg = pygal_etree.tostring(tree, encoding="utf-8", xml_declaration=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def bars(title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]]) -> str:
    """Return a bar chart (one bar per label and series) as a data: address."""
    chart = pygal.Bar(**_config(title=title, x_label_rotation=0))
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _data_uri(chart)


def horizontal_bars(
    title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]], *, percent: bool
) -> str:
    """Return a horizontal bar chart (groups down the side) as a data: address."""
    height = max(220, 60 + 34 * len(labels) * max(1, len(series)))
    chart = pygal.HorizontalBar(
        **_config(
            title=title,
            height=height,
            value_formatter=(lambda v: f"{v:.0%}") if percent else (lambda v: f"{v:g}"),
        )
    )
    # pygal draws the first label at the bottom: reversed, the chart reads top-down in
    # the order of the table beside it.
    chart.x_labels = list(reversed(labels))
    for name, values in series.items():
        chart.add(name, list(reversed(values)))
    return _data_uri(chart)


def lines(title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]]) -> str:
    """Return a line chart over time (weeks) as a data: address."""
    chart = pygal.Line(
        **_config(
            title=title,
            x_label_rotation=30,
            show_minor_x_labels=False,
            x_labels_major_every=max(1, len(labels) // 8),
            dots_size=2,
        )
    )
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _data_uri(chart)
