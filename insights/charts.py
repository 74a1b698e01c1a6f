"""Server-rendered line charts: the geometry of an SVG, drawn by a template (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from core.formats import local_date, local_number

WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_Y = 480, 160, 44, 12, 16


@dataclass
class Chart:
    width: int
    height: int
    path: str
    dots: list[tuple[float, float, str]]
    target_y: float | None
    top_label: str
    bottom_label: str
    first_week: date | None
    last_week: date | None


def _label(value: float) -> str:
    """A value in the reader's language (12,5 in French); the chart is built per request."""
    return local_number(round(value, 2))


def line_chart(points: list[tuple[date, float | None]], target: float | None) -> Chart:
    """A line for the known values (a gap where a week is withheld) and a target line."""
    known = [value for _week, value in points if value is not None]
    scale = known + ([target] if target is not None else [])
    low = min(0.0, *scale) if scale else 0.0
    high = max(scale) if scale else 1.0
    if high <= low:
        high = low + 1
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - 2 * PAD_Y

    def y_of(value: float) -> float:
        return round(PAD_Y + plot_h * (1 - (value - low) / (high - low)), 1)

    step = plot_w / max(len(points) - 1, 1)
    commands, dots, pen_down = [], [], False
    for index, (week, value) in enumerate(points):
        if value is None:
            pen_down = False
            continue
        x = round(PAD_LEFT + index * step, 1)
        commands.append(f"{'L' if pen_down else 'M'}{x},{y_of(value)}")
        title = _("%(week)s: %(value)s") % {"week": local_date(week), "value": _label(value)}
        dots.append((x, y_of(value), title))
        pen_down = True
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        path=" ".join(commands),
        dots=dots,
        target_y=y_of(target) if target is not None else None,
        top_label=_label(high),
        bottom_label=_label(low),
        first_week=points[0][0] if points else None,
        last_week=points[-1][0] if points else None,
    )
