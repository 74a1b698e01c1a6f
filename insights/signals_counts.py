"""Incremental weekly term counts: each complete week is read once, day by day, and stored.

For every term (insights.signals_text) the week keeps how many distinct people used it and in
how many texts, for everyone and (when team breakdowns are on) per writer's team, plus how
many people used two frequent terms together (what themes are made of). Texts are read one
day at a time and never kept: only the people behind each term are held, as small integers,
until the week is stored. Detection then reads these counts, not the texts.

Sources: ideas and their comments, news comments, questions to leadership, community posts and
their comments, and searches that found nothing. People are counted by their search
pseudonym, so someone who writes and searches about the same thing counts once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

from django.db import transaction

from communities.selectors.insights import community_texts
from ideas.selectors.insights import idea_texts
from insights.models import WeeklyTermCount, WeeklyTermLink
from insights.privacy import min_people, team_breakdowns_on
from insights.selectors import week_bounds
from insights.signals_text import terms_of
from news.selectors.insights import news_texts
from people.selectors import active_member_teams
from search.selectors import searcher_keys, zero_result_searches

EVERYONE = ""  # the term under which a week counts everyone who wrote: the week's marker
# Terms used by a single person in a week are not stored: they weigh nothing in a baseline
# and are most of the rows.
MIN_STORED_PEOPLE = 2
# Links are counted between a person's most used frequent terms only, to bound the pairs.
MAX_LINKED_TERMS = 40
BATCH = 5000


@dataclass
class Writing:
    """One text or search of someone, as the counts see it."""

    person: str
    team_id: int | None
    text: str
    tags: list[str] = field(default_factory=list)


def writings(week: date) -> Iterator[Writing]:
    """Everything written (and searched without result) in the week, one day at a time."""
    teams = active_member_teams()
    start = week_bounds(week)[0]
    for day in range(7):
        since, until = start + timedelta(days=day), start + timedelta(days=day + 1)
        written = (
            idea_texts(start=since, end=until)
            + news_texts(start=since, end=until)
            + community_texts(start=since, end=until)
        )
        keys = searcher_keys({row["author_id"] for row in written})
        for row in written:
            yield Writing(
                person=keys[row["author_id"]],
                team_id=None if row["anonymous"] else teams.get(row["author_id"]),
                text=row["text"],
                tags=row["tags"],
            )
        for searcher, query, _at in zero_result_searches(start=since, end=until):
            yield Writing(person=searcher, team_id=None, text=query)


@dataclass
class WeekTally:
    """The people behind each term of one week, as integers (one per pseudonym)."""

    people: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    texts: Counter[str] = field(default_factory=Counter)
    by_team: dict[tuple[str, int], set[int]] = field(default_factory=lambda: defaultdict(set))
    everyone: set[int] = field(default_factory=set)
    texts_read: int = 0

    def add(self, person: int, team_id: int | None, terms: Iterable[str], teams: bool) -> None:
        self.everyone.add(person)
        self.texts_read += 1
        for term in terms:
            self.people[term].add(person)
            self.texts[term] += 1
            if teams and team_id is not None:
                self.by_team[(term, team_id)].add(person)

    def links(self, floor: int) -> Counter[tuple[str, str]]:
        """Distinct people behind each pair of terms that each had the floor of people."""
        frequent = {term: len(p) for term, p in self.people.items() if len(p) >= floor}
        used: dict[int, list[str]] = defaultdict(list)
        for term in frequent:
            for person in self.people[term]:
                used[person].append(term)
        pairs: Counter[tuple[str, str]] = Counter()
        for terms in used.values():
            terms.sort(key=lambda term: (-frequent[term], term))
            pairs.update(combinations(sorted(terms[:MAX_LINKED_TERMS]), 2))
        return Counter({pair: n for pair, n in pairs.items() if n >= floor})


def tally_week(week: date) -> WeekTally:
    """Read the week's writings once and tally the people behind each term."""
    tally = WeekTally()
    numbers: dict[str, int] = {}
    teams = team_breakdowns_on()
    for writing in writings(week):
        person = numbers.setdefault(writing.person, len(numbers))
        tally.add(person, writing.team_id, terms_of(writing.text, writing.tags), teams)
    return tally


def count_week(week: date) -> WeekTally:
    """Count the week starting on Monday `week` and store it in place of any earlier count.

    Re-running it is harmless: the week's rows are replaced in one transaction, and a run
    overlapping another one leaves the rows of whichever stored first (unique rows).
    """
    tally = tally_week(week)
    floor = min_people()
    counts = [
        WeeklyTermCount(
            week_start=week, term=EVERYONE, people=len(tally.everyone), texts=tally.texts_read
        )
    ]
    counts += [
        WeeklyTermCount(week_start=week, term=term, people=len(p), texts=tally.texts[term])
        for term, p in tally.people.items()
        if len(p) >= MIN_STORED_PEOPLE
    ]
    counts += [
        WeeklyTermCount(week_start=week, term=term, team_id=team_id, people=len(p), texts=len(p))
        for (term, team_id), p in tally.by_team.items()
        if len(p) >= floor
    ]
    links = [
        WeeklyTermLink(week_start=week, term=a, other=b, people=n)
        for (a, b), n in tally.links(floor).items()
    ]
    with transaction.atomic():
        WeeklyTermCount.objects.filter(week_start=week).delete()
        WeeklyTermLink.objects.filter(week_start=week).delete()
        WeeklyTermCount.objects.bulk_create(counts, batch_size=BATCH, ignore_conflicts=True)
        WeeklyTermLink.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
    return tally


def counted_weeks(weeks: Iterable[date]) -> set[date]:
    return set(
        WeeklyTermCount.objects.filter(
            week_start__in=list(weeks), term=EVERYONE, team__isnull=True
        ).values_list("week_start", flat=True)
    )


def ensure_counted(weeks: Iterable[date]) -> list[date]:
    """Count the weeks not counted yet (the first run fills the baseline); returns them."""
    wanted = sorted(set(weeks))
    done = counted_weeks(wanted)
    missing = [week for week in wanted if week not in done]
    for week in missing:
        count_week(week)
    return missing
