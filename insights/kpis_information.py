"""KPIs of the information-sharing objective: do people find what they look for?

Searches are logged under a keyed pseudonym; a team's searches are found by computing its
members' pseudonyms (`search.selectors.searcher_keys`), never by storing who searched.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from insights.kpis_registry import Group, Measure, median, share
from search.selectors import search_journeys, searcher_keys

# A search by the same person this soon after another is a reformulation of it.
REFORMULATION_WINDOW = timedelta(minutes=2)


def _journeys(start: datetime, end: datetime, group: Group) -> dict[str, Any]:
    keys = None if group.user_ids is None else list(searcher_keys(group.user_ids).values())
    return search_journeys(
        start=start, end=end, searchers=keys, reformulation_window=REFORMULATION_WINDOW
    )


def first_try_search_rate(start: datetime, end: datetime, group: Group) -> Measure:
    """% of searches followed by a click on a result and by no other search of the same
    person within two minutes."""
    journeys = _journeys(start, end, group)
    return Measure(share(journeys["first_try"], journeys["searches"]), journeys["searchers"])


def median_seconds_to_first_click(start: datetime, end: datetime, group: Group) -> Measure:
    """Median delay, in seconds, from a search to the first click on one of its results."""
    journeys = _journeys(start, end, group)
    return Measure(median(journeys["first_click_seconds"]), journeys["searchers"])
