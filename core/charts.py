"""Charts and trends for dashboards, drawn on the server (no JavaScript, nothing to download).

`line_chart` turns dated values into the geometry of an SVG that the template
`frontend/components/line_chart.html` draws, with its data table for screen readers; `trend`
compares a figure with the period before for a metric card (`frontend/components/metric_card.html`).
A hand-drawn SVG rather than a charting library: the charts follow the design tokens in CSS,
need no script under the Content-Security-Policy, print, and cost no dependency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from core.formats import local_date, local_number

WIDTH, HEIGHT = 560, 200
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 16, 12, 28
TICKS = 4  # horizontal grid lines, bottom and top included
DATE_LABELS = 4  # at most this many dates under the chart


@dataclass
class Line:
    """One series: its label, its CSS class (colour) and what the SVG needs to draw it."""

    label: str
    css_class: str
    path: str
    dots: list[tuple[float, float, str]]


@dataclass
class LineChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    lines: list[Line]
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]
    target_y: float | None
    first: date | None
    last: date | None
    # The data table: one row per date, the values of every series in order.
    rows: list[tuple[date, list[float | None]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(line.dots for line in self.lines)


def _label(value: float) -> str:
    """A value in the reader's language (12,5 in French): the chart is built per request."""
    return local_number(round(value, 2))


def line_chart(
    dates: list[date],
    series: list[tuple[str, list[float | None]]],
    *,
    target: float | None = None,
) -> LineChart:
    """Lines for the known values of each series (a gap where a value is withheld or missing),
    a dashed target line if given, a grid of TICKS values and a few dates under the chart."""
    known = [v for _label_, values in series for v in values if v is not None]
    scale = known + ([target] if target is not None else [])
    low = min(0.0, *scale) if scale else 0.0
    high = max(scale) if scale else 1.0
    if high <= low:
        high = low + 1
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / max(len(dates) - 1, 1)

    def x_of(index: int) -> float:
        return round(PAD_LEFT + index * step, 1)

    def y_of(value: float) -> float:
        return round(PAD_TOP + plot_h * (1 - (value - low) / (high - low)), 1)

    lines = []
    for number, (label, values) in enumerate(series, start=1):
        commands, dots, pen_down = [], [], False
        for index, (day, value) in enumerate(zip(dates, values, strict=True)):
            if value is None:
                pen_down = False
                continue
            x, y = x_of(index), y_of(value)
            commands.append(f"{'L' if pen_down else 'M'}{x},{y}")
            title = _("%(label)s, %(date)s: %(value)s") % {
                "label": label,
                "date": local_date(day),
                "value": _label(value),
            }
            dots.append((x, y, title))
            pen_down = True
        lines.append(Line(label, f"chart-series-{number}", " ".join(commands), dots))
    every = max(1, -(-len(dates) // DATE_LABELS))  # ceiling division
    shown = list(range(0, len(dates), every))
    if dates and shown[-1] != len(dates) - 1:
        shown[-1] = len(dates) - 1
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=PAD_LEFT,
        plot_right=WIDTH - PAD_RIGHT,
        lines=lines,
        y_ticks=[
            (
                y_of(low + (high - low) * i / (TICKS - 1)),
                _label(low + (high - low) * i / (TICKS - 1)),
            )
            for i in range(TICKS)
        ],
        x_labels=[(x_of(i), local_date(dates[i], "MONTH_DAY_FORMAT")) for i in shown],
        target_y=y_of(target) if target is not None else None,
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        rows=[(day, [values[i] for _l, values in series]) for i, day in enumerate(dates)],
    )


@dataclass(frozen=True)
class Trend:
    """How a figure moved against the period before: the change, and whether that is good."""

    change: float
    direction: str  # "up", "down" or "flat"
    good: bool | None  # None when neither way is better, or nothing moved

    @property
    def text(self) -> str:
        sign = "+" if self.change > 0 else ""
        return f"{sign}{_label(self.change)}"


def trend(
    current: float | None, previous: float | None, *, higher_is_better: bool | None = True
) -> Trend | None:
    """The change from `previous` to `current`; None when either is unknown (withheld)."""
    if current is None or previous is None:
        return None
    change = round(current - previous, 2)
    direction = "up" if change > 0 else "down" if change < 0 else "flat"
    good = None
    if higher_is_better is not None and direction != "flat":
        good = (direction == "up") == higher_is_better
    return Trend(change, direction, good)
