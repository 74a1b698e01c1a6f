"""Similar ideas found by the search engine (more-like-this within the challenge).

`similar_ideas.jsonl` holds existing ideas of three challenges and typed titles, each with the
ideas a person would call duplicates (`match`) and near misses that must not be shown
(`no_match`), in French and English, some with typos.
"""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from ideas.selectors import similar_ideas
from search.services import similar_objects
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, person

LABELLED = Path(__file__).with_name("similar_ideas.jsonl")
CHALLENGES = {
    "papier": "Moins de papier",
    "mobilite": "Venir au travail autrement",
    "cantine": "Une meilleure cantine",
}


def labelled_lines() -> tuple[list[dict], list[dict]]:
    lines = [json.loads(line) for line in LABELLED.read_text().splitlines() if line.strip()]
    return [line for line in lines if "idea" in line], [line for line in lines if "typed" in line]


@pytest.fixture
def labelled(db, reindex):
    """The labelled ideas in their challenges, indexed; `labels` maps an idea id to its label."""
    existing, typed = labelled_lines()
    pages = {label: challenge(title=title) for label, title in CHALLENGES.items()}
    labels = {}
    for line in existing:
        made = idea(
            pages[line["challenge"]],
            title=line["title"],
            description=f"<p>{line['description']}</p>",
        )
        labels[made.pk] = line["idea"]
    reindex()
    return pages, labels, typed


def test_the_engine_finds_duplicates_with_few_false_positives(labelled):
    pages, labels, typed = labelled
    employee = person(username="typist")
    true_positive = retrieved = relevant = 0
    wrong, near_misses_shown = [], []
    for line in typed:
        page = pages[line["challenge"]]
        found = {labels[one.pk] for one in similar_ideas(page, line["typed"], 5, user=employee)}
        expected = set(line["match"])
        true_positive += len(found & expected)
        retrieved += len(found)
        relevant += len(expected)
        near_misses_shown += found & set(line["no_match"])
        if found != expected:
            wrong.append((line["typed"], sorted(found), sorted(expected)))

    precision = true_positive / retrieved
    recall = true_positive / relevant
    print(f"\nsimilar ideas (engine): precision {precision:.2f}, recall {recall:.2f}; {wrong}")
    assert precision >= 0.8, wrong
    assert recall >= 0.6, wrong
    assert near_misses_shown == [], wrong


def test_only_ideas_of_the_same_challenge_are_compared(labelled):
    pages, labels, _typed = labelled

    found = similar_ideas(
        pages["mobilite"], "Imprimer en recto verso", 5, user=person(username="typist")
    )

    assert found == []


def test_hidden_and_merged_away_ideas_are_never_suggested(db, reindex):
    page = challenge()
    kept = idea(page, title="Imprimer en recto verso par défaut")
    idea(page, title="Recto verso sur toutes les imprimantes", hidden_at=timezone.now())
    idea(page, title="Imprimer recto verso partout", merged_into=kept)
    reindex()

    found = similar_ideas(page, "Imprimer recto verso", 5, user=person(username="typist"))

    assert found == [kept]


def test_ideas_of_a_challenge_outside_the_employee_audience_are_not_compared(db, reindex):
    it = TeamFactory(name="IT")
    page = challenge(audience=[it])
    idea(page, title="Imprimer en recto verso par défaut")
    reindex()

    outsider = similar_objects(
        user=person(username="outsider"), kind="idea", parent=str(page.pk), text="recto verso"
    )
    insider = similar_objects(
        user=person(username="insider", team=it),
        kind="idea",
        parent=str(page.pk),
        text="recto verso",
    )

    assert outsider == [] and len(insider) == 1


def test_an_anonymous_idea_is_not_found_by_its_author_name(db, reindex):
    author = person(username="discreet")
    author.first_name, author.last_name = "Zéphyrin", "Castafiore"
    author.save()
    page = challenge()
    idea(page, title="Un jardin sur le toit", author=author, anonymous=True)
    signed = idea(page, title="Des ruches sur le toit", author=author)
    reindex()

    found = similar_ideas(page, "Castafiore Zéphyrin", 5, user=person(username="curious"))

    assert found == [signed]


def test_the_database_answers_when_the_engine_is_unreachable(db, engine, client):
    engine.stop()
    page = challenge()
    existing = idea(page, title="Imprimer en recto verso par défaut")
    employee = person(username="typist")
    client.force_login(employee)

    response = client.get(f"/ideas/challenges/{page.pk}/similar/", {"title": "Recto verso partout"})

    assert response.status_code == 200
    assert [found["id"] for found in response.json()["results"]] == [existing.pk]


def test_the_embedded_mode_uses_the_database(db, settings):
    settings.SEARCH_BACKEND = "database"
    page = challenge()
    existing = idea(page, title="Imprimer en recto verso par défaut")

    assert similar_ideas(page, "Recto verso partout", 5, user=person(username="typist")) == [
        existing
    ]
