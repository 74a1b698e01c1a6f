"""Accents, typos, stemming, elision, synonyms: the real OpenSearch node finds what people mean."""

import pytest

from search.models import Synonym
from search.services import run_search
from tests.intranet.factories import home_page, publish_standard_page


def titles(user, text, **kwargs):
    return [hit.title for hit in run_search(user=user, text=text, **kwargs).results]


@pytest.fixture
def pages(db):
    home = home_page()
    publish_standard_page(
        title="Télétravail : la charte",
        body_html="<p>Trois jours de télétravail par semaine, en accord avec l'entreprise.</p>",
        parent=home,
        language="fr",
    )
    publish_standard_page(
        title="Indemnités kilométriques",
        body_html="<p>Le barème des frais kilométriques pour les déplacements.</p>",
        parent=home,
        language="fr",
    )
    publish_standard_page(
        title="Travel policies",
        body_html="<p>How employees are reimbursed when travelling abroad.</p>",
        parent=home,
        language="en",
    )
    publish_standard_page(
        title="General Data Protection Regulation",
        body_html="<p>What the GDPR means for your customer files.</p>",
        parent=home,
        language="en",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("teletravail", "Télétravail : la charte"),  # missing accents
        ("TÉLÉTRAVAIL", "Télétravail : la charte"),  # case
        ("teletravial", "Télétravail : la charte"),  # a typo
        ("indemnite kilometrique", "Indemnités kilométriques"),  # French plural and accents
        ("entreprises", "Télétravail : la charte"),  # elision of l' and a French plural
        ("travel policy", "Travel policies"),  # English stemming
        ("reimburse", "Travel policies"),  # English stemming
        ("kilom", "Indemnités kilométriques"),  # as-you-type prefix
    ],
)
def test_the_page_people_mean_comes_first(pages, reindex, employee, query, expected):
    reindex()

    assert titles(employee, query)[:1] == [expected]


def test_a_synonym_finds_pages_using_the_other_word_without_reindexing(pages, reindex, employee):
    reindex()
    assert "General Data Protection Regulation" not in titles(employee, "RGPD")

    Synonym.objects.create(terms="RGPD\nGDPR")

    assert titles(employee, "RGPD")[:1] == ["General Data Protection Regulation"]


def test_an_acronym_finds_its_expansion(pages, reindex, employee):
    Synonym.objects.create(terms="IK\nindemnités kilométriques")
    reindex()

    assert titles(employee, "IK")[:1] == ["Indemnités kilométriques"]


def test_a_likely_typo_gets_a_did_you_mean_suggestion(pages, reindex, employee):
    reindex()

    outcome = run_search(user=employee, text="kilometrikes")

    assert outcome.suggestion == "kilometriques"


def test_a_correct_query_gets_no_suggestion(pages, reindex, employee):
    reindex()

    assert run_search(user=employee, text="télétravail").suggestion is None
