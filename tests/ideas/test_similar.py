"""Similar ideas while typing, the database fallback: precision on a small labelled set.

The search engine's answer is measured in `test_similar_engine.py`.
"""

import pytest

from ideas.selectors.similar import similar_in_database
from tests.ideas.factories import challenge, idea

EXISTING = {
    "recto": ("Imprimer en recto verso par défaut", "Configurer les imprimantes des deux côtés."),
    "gobelets": (
        "Supprimer les gobelets en plastique",
        "Des tasses réutilisables à la cafétéria au lieu des gobelets jetables.",
    ),
    "covoiturage": (
        "Covoiturage entre collègues",
        "Une plateforme pour organiser le covoiturage domicile-travail.",
    ),
    "signature": (
        "Signature électronique des contrats",
        "Éviter d'imprimer les contrats grâce à la signature électronique.",
    ),
    "ecrans": (
        "Éteindre les écrans le soir",
        "Mise en veille automatique des ordinateurs et des écrans après 19h.",
    ),
    "velos": ("Garage à vélos sécurisé", "Un local fermé pour les vélos des salariés."),
    "frais": (
        "Dématérialiser les notes de frais",
        "Photographier les justificatifs au lieu de les imprimer.",
    ),
    "compost": ("Compost pour la cantine", "Composter les déchets alimentaires du restaurant."),
    "mail": ("Journée sans mail", "Un vendredi par mois sans courriel interne."),
    "fontaines": (
        "Fontaines à eau filtrée",
        "Remplacer les bouteilles d'eau en plastique par des fontaines.",
    ),
    "teletravail": ("Télétravail le vendredi", "Deux jours de télétravail par semaine."),
    "fournitures": (
        "Bourse aux fournitures de bureau",
        "Réutiliser les fournitures inutilisées entre équipes.",
    ),
}

# Typed title -> the ideas a person would call duplicates (judged by hand).
LABELLED = [
    ("Impression recto verso obligatoire", {"recto"}),
    ("Imprimantes en recto-verso", {"recto"}),
    ("Gobelets réutilisables", {"gobelets"}),
    ("Fin des gobelets plastique", {"gobelets"}),
    ("Plateforme de covoiturage", {"covoiturage"}),
    ("Signer les contrats électroniquement", {"signature"}),
    ("Mettre les ordinateurs en veille automatique", {"ecrans"}),
    ("Télétravail deux jours par semaine", {"teletravail"}),
    ("Compostage des déchets", {"compost"}),
    ("Mails internes limités", {"mail"}),
    ("Photos des justificatifs de frais", {"frais"}),
    ("Bouteilles d'eau en plastique", {"fontaines"}),
    ("Réduire la consommation de papier", set()),
    ("Organiser un afterwork", set()),
    ("Nouveau logo pour l'intranet", set()),
    ("Formation Excel pour les équipes", set()),
    ("Plus de plantes vertes dans les bureaux", set()),
    ("Eau chaude à la cafétéria", set()),
    ("Vélos électriques de service", set()),
    ("Une idée", set()),
    ("Vélos sécurisés au garage", {"velos"}),
    ("Un garage fermé pour les vélos", {"velos"}),
    ("Notes de frais sans papier", {"frais"}),
    ("Fontaine à eau au deuxième étage", {"fontaines"}),
    ("Covoiturage domicile-travail", {"covoiturage"}),
    ("Composter les déchets de la cantine", {"compost"}),
    ("Bourse d'échange de fournitures", {"fournitures"}),
    ("Réserver une salle de réunion en ligne", set()),
    ("Parking pour les visiteurs", set()),
    ("Écrans d'affichage dans le hall", set()),
    ("Contrats de maintenance des ascenseurs", set()),
    ("Semaine de quatre jours", set()),
    ("Remplacer les néons par des LED", set()),
    ("Plus de réunions debout", set()),
]


@pytest.fixture
def campaign(db):
    page = challenge()
    by_title = {}
    for label, (title, description) in EXISTING.items():
        by_title[title] = label
        idea(page, title=title, description=f"<p>{description}</p>")
    page.labels = by_title
    return page


def test_the_fallback_is_precise_and_finds_most_duplicates(campaign):
    true_positive = retrieved = relevant = 0
    misses = []
    for typed, expected in LABELLED:
        found = {campaign.labels[found.title] for found in similar_in_database(campaign, typed, 5)}
        true_positive += len(found & expected)
        retrieved += len(found)
        relevant += len(expected)
        if found != expected:
            misses.append((typed, found, expected))

    precision = true_positive / retrieved
    print(f"similar ideas: precision {precision:.2f}, recall {true_positive / relevant:.2f}")
    recall = true_positive / relevant
    assert precision >= 0.9, misses
    assert recall >= 0.8, misses


def test_only_visible_ideas_of_the_same_challenge_are_suggested(campaign):
    from django.utils import timezone

    other = challenge(title="Autre défi")
    idea(other, title="Imprimer en recto verso partout")
    idea(campaign, title="Recto verso caché", hidden_at=timezone.now())

    found = similar_in_database(campaign, "recto verso", 5)

    assert [match.title for match in found] == ["Imprimer en recto verso par défaut"]


def test_an_empty_or_meaningless_title_suggests_nothing(campaign):
    assert similar_in_database(campaign, "", 5) == []
    assert similar_in_database(campaign, "le la les de", 5) == []
