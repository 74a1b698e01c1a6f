"""What the listening loop may analyse and show, in one place (insights/README.md).

Every part of the loop (signals, frustration, dashboards, pulse results, actions) asks these
functions instead of reading settings itself, so that a works-council agreement that turns an
analysis off turns it off everywhere at once.
"""

from __future__ import annotations

from django.conf import settings


def min_people() -> int:
    """The smallest number of distinct people any shown figure may be drawn from."""
    return int(settings.INSIGHTS_MIN_PEOPLE)


def quote_min_people() -> int:
    """The smallest number of distinct people behind a theme before any excerpt is quoted."""
    return int(settings.INSIGHTS_QUOTE_MIN_PEOPLE)


def team_breakdowns_on() -> bool:
    """Whether figures may be broken down by team (dashboards, KPIs, signals, surveys)."""
    return bool(settings.INSIGHTS_TEAM_BREAKDOWNS)


def frustration_analysis_on() -> bool:
    """Whether what people write may be read for frustration at all."""
    return bool(settings.INSIGHTS_FRUSTRATION_ANALYSIS)
