"""Themes: related terms grouped, and each told emerging, strong or fading.

Pure functions over weekly counts (insights.signals_counts), no database here.

- **Emerging**: a burst this week against the baseline weeks before it. With *c* the people
  this week and *m* the mean people per baseline week (weeks without the term count 0),
  score = (c - m) / sqrt(m + 1) reaches INSIGHTS_EMERGING_MIN_SCORE, *c* reaches the level
  of the week and at least doubles *m*. The level of a week is the floor, or STRONG_SHARE of
  the people who wrote that week when that is more: in a large organisation, words used by a
  handful of people jump by chance every week, a theme worth reading does not.
- **Strong**: sustained volume, at least the level in each of the last SUSTAINED_WEEKS weeks
  (this one included), for a theme that holds a tag or a collocation (a key phrase used by at
  least COLLOCATION of the people of its rarer word): single words heard every week, and
  the chance neighbours of ordinary words, are the organisation's vocabulary ("projet",
  "équipe"), not a theme.
- **Fading**: it was at the level (on average, each week from the floor) in the
  SUSTAINED_WEEKS - 1 weeks before, and this week it fell to half of that or less; told
  before strong, and, like strong, only for a theme with a tag or a collocation.

Terms of one kind are grouped when enough of the same people used them together: the
people behind both, over the fewer people of the two, reach LINKED (the best of the recent
weeks counts). Grouping is greedy and ordered, so the same counts always give the same themes.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings

EMERGING, STRONG, FADING = "emerging", "strong", "fading"
KINDS = (EMERGING, STRONG, FADING)
SUSTAINED_WEEKS = 4
STRONG_SHARE = 0.005
BURST_RATIO = 2.0
FADED_RATIO = 0.5
LINKED = 0.5
COLLOCATION = 0.3
# A theme is named by its longest key phrase that has at least this share of its people.
LABEL_SHARE = 0.6


@dataclass(frozen=True)
class Trend:
    """How one term (or theme) moved: its kind, this week's people, the usual level."""

    kind: str
    people: int
    baseline: float
    score: float
    reference: float  # what ranks it within its kind: people now, or before it faded


def strong_level(writers: int, floor: int) -> int:
    return max(floor, math.ceil(STRONG_SHARE * writers))


def classify(series: Sequence[int], writers: Sequence[int], floor: int) -> Trend | None:
    """The kind of a weekly series of people (oldest first, this week last), or None.

    `writers` is, week by week, how many people wrote anything (for the strong level).
    """
    now, before = series[-1], list(series[:-1])
    mean = sum(before) / len(before) if before else 0.0
    score = (now - mean) / math.sqrt(mean + 1)
    burst = now >= BURST_RATIO * mean and score >= settings.INSIGHTS_EMERGING_MIN_SCORE
    if burst and now >= strong_level(writers[-1], floor):
        return Trend(EMERGING, now, mean, score, reference=score)
    prior = list(zip(before[-(SUSTAINED_WEEKS - 1) :], writers[-SUSTAINED_WEEKS:-1], strict=True))
    if len(prior) == SUSTAINED_WEEKS - 1 and all(people >= floor for people, _w in prior):
        level = sum(people for people, _w in prior) / len(prior)
        usual = sum(strong_level(count, floor) for _p, count in prior) / len(prior)
        if level >= usual and now <= FADED_RATIO * level:
            return Trend(FADING, now, level, score, reference=level)
    recent = list(zip(series[-SUSTAINED_WEEKS:], writers[-SUSTAINED_WEEKS:], strict=True))
    if len(recent) == SUSTAINED_WEEKS and all(
        people >= strong_level(count, floor) for people, count in recent
    ):
        return Trend(STRONG, now, mean, score, reference=now)
    return None


def association(pair_people: int, people_a: int, people_b: int) -> float:
    fewer = min(people_a, people_b)
    return pair_people / fewer if fewer else 0.0


@dataclass
class Theme:
    kind: str
    terms: list[str]  # the first is the theme's top term (the most people)
    trends: dict[str, Trend]

    @property
    def top(self) -> Trend:
        return self.trends[self.terms[0]]

    @property
    def label(self) -> str:
        """Its longest key phrase among the terms with most of its people, else its top term."""
        enough = LABEL_SHARE * self.top.reference
        named = [t for t in self.terms if self.trends[t].reference >= enough]
        return max(named, key=lambda t: (len(t.split()), self.trends[t].reference, -named.index(t)))


def _pair(term: str, other: str) -> tuple[str, str]:
    return (term, other) if term < other else (other, term)


def is_collocation(phrase_people: int, word_people: Sequence[int]) -> bool:
    """Whether a key phrase is said as a phrase, not only by words that happen to meet."""
    return bool(word_people) and phrase_people >= COLLOCATION * min(word_people)


def group_into_themes(
    trends: Mapping[str, Trend],
    links: Mapping[tuple[str, str], float],
    specific: Collection[str] = (),
) -> list[Theme]:
    """Group classified terms into themes of one kind each (links: association by pair,
    the two terms in alphabetical order). A strong theme is kept only when one of its
    terms is `specific` (a tag or a collocation), and a fading one likewise."""
    themes: list[Theme] = []
    order = sorted(trends, key=lambda t: (KINDS.index(trends[t].kind), -trends[t].reference, t))
    for term in order:
        trend = trends[term]
        best, strength = None, 0.0
        for theme in themes:
            if theme.kind != trend.kind:
                continue
            linked = max(links.get(_pair(term, other), 0.0) for other in theme.terms)
            if linked > strength:
                best, strength = theme, linked
        if best is not None and strength >= LINKED:
            best.terms.append(term)
            best.trends[term] = trend
        else:
            themes.append(Theme(trend.kind, [term], {term: trend}))
    return [
        theme
        for theme in themes
        if theme.kind == EMERGING or any(term in specific for term in theme.terms)
    ]
