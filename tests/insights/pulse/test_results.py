"""Results above the floor only: whole rounds, teams (no differencing), comments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from insights.pulse.models import QuestionKind, Response
from insights.pulse.results import enps, round_results, trends
from insights.pulse.selectors import survey_questions
from tests.insights.factories import communicator
from tests.insights.pulse.factories import answer, open_round, survey
from tests.people.factories import TeamFactory, employees, person

SCALE_AND_TEXT = (
    (QuestionKind.SCALE_10, "Recommanderiez-vous l'entreprise ?", ""),
    (QuestionKind.TEXT, "Pourquoi ?", ""),
)


def answered_by(pulse_round, people, score=8, text=""):
    for someone in people:
        answer(
            pulse_round, someone, *([score, text][: len(survey_questions(pulse_round.survey_id))])
        )


def team_names(results):
    return [group.team.name if group.team else None for group in results.groups]


def test_enps_is_promoters_minus_detractors():
    assert enps([10, 10, 9, 8, 3]) == (40, 60, 20)
    assert enps([0, 6, 7, 8]) == (-50, 0, 50)


@pytest.mark.django_db
def test_a_round_of_four_respondents_shows_nothing_and_five_shows_its_figures():
    pulse_round = open_round(survey(), invited=20)
    answered_by(pulse_round, employees(4), score=10)

    hidden = round_results(pulse_round)
    assert not hidden.shown and hidden.groups == [] and hidden.rate is None

    answered_by(pulse_round, employees(1), score=5)
    shown = round_results(pulse_round)
    assert shown.shown and shown.respondents == 5 and shown.rate == 25
    (everyone,) = shown.groups
    figures = everyone.questions[0]
    assert figures.respondents == 5 and figures.mean == 9.0
    assert (figures.enps, figures.promoters, figures.detractors) == (60, 80, 20)
    assert [(bar.label, bar.count) for bar in figures.bars if bar.count] == [("5", 1), ("10", 4)]


@pytest.mark.django_db
def test_no_team_row_lets_the_organisation_figure_minus_a_team_reveal_fewer_than_five():
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    pulse_round = open_round(survey())
    answered_by(pulse_round, employees(6, team=sales))
    answered_by(pulse_round, employees(4, team=support))

    # Ventes (6) has enough, but everyone (10) minus Ventes would be Support's 4.
    assert team_names(round_results(pulse_round)) == [None]

    answered_by(pulse_round, employees(1, team=support))
    assert team_names(round_results(pulse_round)) == [None, "Support", "Ventes"]


@pytest.mark.django_db
def test_a_team_minus_its_shown_sub_team_never_isolates_fewer_than_five():
    sales = TeamFactory(name="Ventes")
    east = TeamFactory(name="Est", parent=sales)
    other = TeamFactory(name="Autres")
    pulse_round = open_round(survey())
    answered_by(pulse_round, employees(5, team=east))
    answered_by(pulse_round, employees(2, team=sales))  # direct members of Ventes
    answered_by(pulse_round, employees(5, team=other))

    results = round_results(pulse_round)

    # Ventes (7) minus Est (5) would be 2: Est is withheld and merges into Ventes.
    assert team_names(results) == [None, "Autres", "Ventes"]
    shown = {group.team.name: group.respondents for group in results.groups if group.team}
    assert shown == {"Autres": 5, "Ventes": 7}


@pytest.mark.django_db
def test_with_team_breakdowns_off_no_team_is_shown_nor_stored(settings):
    settings.INSIGHTS_TEAM_BREAKDOWNS = False
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    pulse_round = open_round(survey())
    answered_by(pulse_round, employees(5, team=sales))
    answered_by(pulse_round, employees(5, team=support))

    assert team_names(round_results(pulse_round)) == [None]
    assert not Response.objects.filter(team__isnull=False).exists()


@pytest.mark.django_db
def test_comments_are_quoted_only_from_ten_people_and_never_by_team():
    sales = TeamFactory(name="Ventes")
    pulse_round = open_round(survey(questions=SCALE_AND_TEXT))
    for number in range(9):
        answer(pulse_round, person(team=sales), 8, f"Avis {number}")

    (everyone, ventes) = round_results(pulse_round).groups
    comments = everyone.questions[1]
    assert comments.quotes == [] and comments.quotes_withheld
    assert [figures.question.kind for figures in ventes.questions] == [QuestionKind.SCALE_10]

    answer(pulse_round, person(team=sales), 8, "Avis 9")
    quotes = round_results(pulse_round).groups[0].questions[1].quotes
    assert sorted(quotes) == sorted(f"Avis {number}" for number in range(10))


@pytest.mark.django_db
def test_the_trend_leaves_a_round_under_the_floor_as_a_gap():
    asked = survey()
    for weeks_ago, count, score in ((2, 5, 6), (1, 4, 10), (0, 5, 9)):
        answered_by(open_round(asked, weeks_ago=weeks_ago), employees(count), score=score)

    (trend,) = trends(asked)

    assert [values for _day, values in trend.chart.rows] == [[6.0], [None], [9.0]]
    assert [values for _day, values in trend.enps.rows] == [[-100.0], [None], [100.0]]


@pytest.mark.django_db
def test_a_manager_reads_only_the_rows_of_their_teams(client):
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    boss = person(team=sales)
    pulse_round = open_round(survey(title="Climat"))
    answered_by(pulse_round, employees(5, team=sales, manager=boss))
    answered_by(pulse_round, employees(5, team=support))
    client.force_login(boss)

    page = client.get(reverse("insights_pulse:results", args=[pulse_round.survey.pk])).text

    assert "Ventes" in page and "Support" not in page
    assert "Tout le monde" not in page


@pytest.mark.django_db
def test_communicators_read_every_row_and_the_trend_in_the_admin(client):
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    asked = survey(title="Climat")
    for weeks_ago in (1, 0):
        pulse_round = open_round(asked, weeks_ago=weeks_ago, invited=12)
        answered_by(pulse_round, employees(5, team=sales))
        answered_by(pulse_round, employees(5, team=support))
    client.force_login(communicator())

    page = client.get(reverse("insights_pulse_survey_results", args=[asked.pk])).text

    assert "Tout le monde" in page and "Ventes" in page and "Support" in page
    assert "taux de réponse 83 %" in page
    assert "eNPS, session par session" in page and "Tableau des données" in page


@pytest.mark.django_db
def test_employees_may_not_read_results(client):
    pulse_round = open_round(survey())
    client.force_login(person())

    page = client.get(reverse("insights_pulse:results", args=[pulse_round.survey.pk]))

    assert page.status_code == 403
