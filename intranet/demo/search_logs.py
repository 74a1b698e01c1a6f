"""Twelve weeks of the demo's searches: what people typed (mostly French, a little English),
what they clicked, and what they did not find.

Rows are written as search/'s logging writes them (`SearchQueryLog` under the searcher's
keyed pseudonym, `normalize_query`, `SearchClick` on a result), in bulk: a few thousand
searches in a couple of queries. Two stories are planted for the listening loop: "mutuelle"
found nothing for weeks until a page answered it (the closed action of the "you said, we
did" page, intranet/demo/listening.py), and "note de frais" still finds nothing (a recurring
zero-result search the signals report, and an action the communicator may open).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from ideas.models import Idea
from intranet.demo.activity_cast import Cast, mark_part_done, moments_kept, part_done
from intranet.demo.calendar import WEEKS_OF_LIFE, DemoCalendar
from people.models import Profile
from search.models import SearchClick, SearchQueryLog
from search.services import normalize_query, searcher_hash_for_id

PART = "search-logs"
SEARCHES_PER_PERSON_AND_WEEK = (1, 6)
# The week (counted back from this one) from which "mutuelle" finds the new page.
MUTUELLE_ANSWERED_WEEKS_AGO = 5


@dataclass(frozen=True)
class Query:
    text: str
    weight: float
    results: int  # how many results it found (0: "what people don't find")
    clicked: float = 0.7  # share of its searches followed by a click


QUERIES = (
    Query("télétravail", 9, 24),
    Query("congés payés", 8, 12),
    Query("mutuelle", 6, 0, 0.0),  # answered from MUTUELLE_ANSWERED_WEEKS_AGO weeks ago
    Query("note de frais", 6, 0, 0.0),
    Query("organigramme", 6, 9),
    Query("tickets restaurant", 5, 6),
    Query("menu cantine", 5, 4),
    Query("réserver une salle", 5, 7),
    Query("vpn", 5, 5),
    Query("formation", 4, 31),
    Query("mot de passe oublié", 4, 3),
    Query("parking vélo", 4, 2),
    Query("comité social et économique", 3, 4),
    Query("entretien annuel", 3, 6),
    Query("badge perdu", 3, 2, 0.5),
    Query("prime de partage", 3, 0, 0.0),
    Query("horaires de la navette", 2, 0, 0.0),
    Query("télétravail étranger", 2, 1, 0.4),
    Query("imprimante", 2, 3, 0.3),
    Query("accueil nouveaux arrivants", 2, 8),
    Query("covoiturage", 2, 5),
    Query("intéressement", 2, 3),
    Query("holiday policy", 1.5, 2),
    Query("expense report", 1.5, 0, 0.0),
    Query("org chart", 1, 9),
    Query("onboarding", 1, 8),
)
ANSWERED_PAGE_RESULTS = 3


def add_demo_search_logs(calendar: DemoCalendar, cast: Cast) -> list[str]:
    """Write the twelve weeks of searches and clicks (once: a second run adds nothing)."""
    if part_done(PART) or not cast.people:
        return []
    dice = calendar.for_part(PART)
    now = timezone.now()
    targets = _click_targets()
    logs: list[SearchQueryLog] = []
    clicks: list[tuple[int, datetime, tuple[str, str]]] = []
    weights = [query.weight for query in QUERIES]
    for weeks_back in range(WEEKS_OF_LIFE, -1, -1):
        for person in cast.people:
            if dice.rng.random() < 0.12:  # away that week
                continue
            searches = dice.rng.randint(*SEARCHES_PER_PERSON_AND_WEEK)
            for query in dice.rng.choices(QUERIES, weights=weights, k=searches):
                moment = dice.random_moment(
                    newest_days_ago=7 * weeks_back, oldest_days_ago=7 * weeks_back + 7
                )
                if moment >= now:
                    continue
                results, click_share = _outcome(query, weeks_back)
                logs.append(_log(person.pk, query.text, results, moment))
                if results and dice.rng.random() < click_share:
                    clicks.append((len(logs) - 1, moment, dice.rng.choice(targets)))
    logs += _recurring_zero_results(dice, cast, now)
    with transaction.atomic(), moments_kept(SearchQueryLog, SearchClick):
        created = SearchQueryLog.objects.bulk_create(logs, batch_size=500)
        click_rows = SearchClick.objects.bulk_create(
            [
                SearchClick(
                    search=created[index],
                    rank=dice.rng.choice((1, 1, 1, 2, 3)),
                    kind=kind,
                    object_id=pk,
                    created_at=moment + timedelta(seconds=dice.rng.randint(4, 40)),
                )
                for index, moment, (kind, pk) in clicks
            ],
            batch_size=500,
        )
        if created:
            mark_part_done(PART, created[0])
    zero = sum(1 for row in logs if row.result_count == 0)
    return [
        f"{len(logs)} searches over {WEEKS_OF_LIFE} weeks ({zero} with no result), "
        f"{len(click_rows)} clicks on results"
    ]


def _log(user_id: int, text: str, results: int, moment: datetime) -> SearchQueryLog:
    return SearchQueryLog(
        query=text,
        normalized_query=normalize_query(text),
        result_count=results,
        searcher=searcher_hash_for_id(user_id),
        source="page",
        created_at=moment,
    )


def _outcome(query: Query, weeks_back: int) -> tuple[int, float]:
    """Results found and the share clicked; "mutuelle" finds the page once it was published."""
    if query.text == "mutuelle" and weeks_back < MUTUELLE_ANSWERED_WEEKS_AGO:
        return ANSWERED_PAGE_RESULTS, 0.8
    return query.results, query.clicked


def _recurring_zero_results(dice: DemoCalendar, cast: Cast, now: datetime) -> list[SearchQueryLog]:
    """Enough different people, week after week, for the two planted zero-result searches
    to pass the floor whatever the size of the organisation: "mutuelle" in the weeks before
    it was answered, "note de frais" in each of the last four weeks."""
    people = max(6, math.ceil(0.05 * len(cast.people)))
    plans = [("mutuelle", weeks) for weeks in range(MUTUELLE_ANSWERED_WEEKS_AGO + 1, 12)]
    plans += [("note de frais", weeks) for weeks in range(0, 5)]
    rows = []
    for text, weeks_back in plans:
        for person in dice.rng.sample(cast.people, min(people, len(cast.people))):
            monday = dice.today - timedelta(days=dice.today.weekday(), weeks=weeks_back)
            newest = (dice.today - monday).days - 5  # Monday to Friday of that week
            moment = dice.random_moment(
                newest_days_ago=max(newest, 0), oldest_days_ago=newest + 4.99
            )
            if moment < now:
                rows.append(_log(person.pk, text, 0, moment))
    return rows


def _click_targets() -> list[tuple[str, str]]:
    """Results people click: ideas and colleagues' profiles (kind, object id)."""
    ideas = [
        ("idea", str(pk)) for pk in Idea.objects.order_by("pk").values_list("pk", flat=True)[:60]
    ]
    people = [
        ("person", str(pk))
        for pk in Profile.objects.active().order_by("pk").values_list("pk", flat=True)[:60]
    ]
    return ideas + people or [("person", "0")]
