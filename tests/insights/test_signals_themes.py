"""Signals understood: lemmas and key phrases, themes, emerging vs strong vs fading, the
sources and the floor, read from incremental weekly counts."""

from datetime import timedelta

import pytest

from insights.detection import weekly_signals
from insights.models import WeeklyTermCount
from insights.selectors import last_complete_week, week_bounds
from insights.signals_counts import EVERYONE, count_week
from insights.signals_text import terms_of
from insights.tasks import count_signal_terms
from tests.communities.factories import community, post
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, employees
from tests.search.factories import search

WEEK = last_complete_week()


def weeks_ago(n):
    return WEEK - timedelta(weeks=n)


def during(week, hours: int = 30):
    return week_bounds(week)[0] + timedelta(hours=hours)


def looked_for(text, people, *, week=WEEK, results=0):
    for person in people:
        search(person, text, results=results, when=during(week))


def themes_of(week=WEEK):
    return {theme["label"]: theme for theme in weekly_signals(week)["themes"]}


def test_french_and_english_words_count_by_their_lemma():
    assert {"panne"} <= terms_of("Les pannes, encore des pannes") & terms_of("Une panne")
    assert "break" in terms_of("The printer is broken") & terms_of("It breaks every day")
    assert "teletravail" in terms_of("Le télétravail") & terms_of("teletravail")


def test_key_phrases_are_runs_of_lemmas_without_stop_words():
    terms = terms_of("Encore une panne de l'imprimante. Le badge ne marche plus")

    assert "panne imprimante" in terms
    assert "imprimante badge" not in terms  # the full stop ends the phrase
    assert "the printer" not in terms_of("the printer")  # "the" is a stop word
    assert "#wifi" in terms_of("Bonjour", tags=["Wifi"])


@pytest.mark.django_db
def test_emerging_strong_and_fading_themes_are_told_apart():
    people = employees(8)
    for back in range(0, 9):
        looked_for("note de frais", people[:6], week=weeks_ago(back))  # every week: strong
        looked_for("projet", people[:6], week=weeks_ago(back))  # a word alone: ordinary
    for back in range(1, 9):
        looked_for("mutuelle santé", people[2:8], week=weeks_ago(back))
    looked_for("mutuelle santé", people[2:4])  # six a week, two now: fading
    looked_for("navette parking", people[:7])  # never before, seven now: emerging

    themes = themes_of()

    assert themes["navette parking"]["kind"] == "emerging"
    assert themes["navette parking"]["people"] == 7
    assert themes["note frais"]["kind"] == "strong"
    assert "projet" not in themes
    fading = themes["mutuelle sante"]
    assert fading["kind"] == "fading"
    assert fading["people"] is None  # two people this week: withheld, said as "fewer than 5"
    assert fading["series"] == [6] * 8 + [None]
    # A theme groups the key phrase with its words, used by the same people.
    assert set(themes["navette parking"]["terms"]) == {"navette", "parking"}
    assert [t["kind"] for t in weekly_signals(WEEK)["themes"]] == ["emerging", "strong", "fading"]


@pytest.mark.django_db
def test_unrelated_terms_rising_together_stay_separate_themes():
    looked_for("cantine", employees(6))
    looked_for("vpn", employees(6))

    assert {label for label in themes_of()} == {"cantine", "vpn"}


@pytest.mark.django_db
def test_only_searches_that_found_nothing_are_a_source():
    looked_for("organigramme", employees(6), results=4)
    looked_for("coffre fort", employees(6), results=0)

    assert set(themes_of()) == {"coffre fort"}


@pytest.mark.django_db
def test_ideas_comments_and_community_posts_are_sources_and_people_count_once():
    writers = employees(5)
    kitchen = community(members=writers)
    for person in writers[:2]:
        post(
            kitchen,
            author=person,
            body="<p>La climatisation de la salle B</p>",
            created_at=during(WEEK),
        )
    target = idea(challenge(phase="open"), title="Salle B", created_at=during(weeks_ago(3)))
    for person in writers[2:]:
        comment_on(
            target, author=person, body="<p>Climatisation en panne</p>", created_at=during(WEEK)
        )
    looked_for("climatisation", writers[:2])  # the same people searching count once

    assert themes_of()["climatisation"]["people"] == 5


@pytest.mark.django_db
def test_a_theme_of_four_people_is_never_shown_nor_a_team_of_four():
    support, it = TeamFactory(name="Support"), TeamFactory(name="IT")
    target = idea(challenge(phase="open"), created_at=during(weeks_ago(3)))
    for person in employees(4):
        comment_on(target, author=person, body="<p>Imprimante</p>", created_at=during(WEEK))
    assert weekly_signals(WEEK)["themes"] == []

    for person in employees(6, team=support) + employees(5, team=it):
        comment_on(target, author=person, body="<p>Vestiaire</p>", created_at=during(WEEK))
    count_week(WEEK)

    [theme] = weekly_signals(WEEK)["themes"]
    assert (theme["label"], theme["people"]) == ("vestiaire", 11)
    assert theme["teams"] == [("Support", 6), ("IT", 5)]


@pytest.mark.django_db
def test_a_team_is_withheld_when_the_rest_would_be_fewer_than_the_floor():
    support, it = TeamFactory(name="Support"), TeamFactory(name="IT")
    target = idea(challenge(phase="open"), created_at=during(weeks_ago(3)))
    writers = employees(6, team=support) + employees(5, team=it) + employees(2)
    for person in writers:
        comment_on(target, author=person, body="<p>Vestiaire</p>", created_at=during(WEEK))

    [theme] = weekly_signals(WEEK)["themes"]

    # 13 people: showing both teams would tell that 2 people outside them wrote it.
    assert theme["people"] == 13
    assert theme["teams"] == [("Support", 6)]  # the rest is 7, from the floor


@pytest.mark.django_db
def test_with_team_breakdowns_off_no_team_is_counted_or_shown(settings):
    settings.INSIGHTS_TEAM_BREAKDOWNS = False
    support = TeamFactory(name="Support")
    target = idea(challenge(phase="open"), created_at=during(weeks_ago(3)))
    for person in employees(6, team=support):
        comment_on(target, author=person, body="<p>Vestiaire</p>", created_at=during(WEEK))

    [theme] = weekly_signals(WEEK)["themes"]

    assert theme["teams"] == []
    assert not WeeklyTermCount.objects.filter(team__isnull=False).exists()


@pytest.mark.django_db
def test_weeks_are_counted_once_and_stored_without_any_text():
    looked_for("parking", employees(6))
    weekly_signals(WEEK)
    counted = WeeklyTermCount.objects.filter(term=EVERYONE).count()

    looked_for("parking", employees(3), week=weeks_ago(1))  # late: that week is counted
    weekly_signals(WEEK)

    assert WeeklyTermCount.objects.filter(term=EVERYONE).count() == counted  # not re-read
    assert WeeklyTermCount.objects.get(week_start=WEEK, term="parking").people == 6
    assert count_signal_terms() == 1  # the daily job recounts last week only
    assert not WeeklyTermCount.objects.filter(week_start=weeks_ago(1), term="parking").exists()
    count_week(weeks_ago(1))
    assert WeeklyTermCount.objects.get(week_start=weeks_ago(1), term="parking").people == 3
