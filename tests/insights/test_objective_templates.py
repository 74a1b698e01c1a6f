"""The built-in objectives: a communicator turns one on from the admin, once, then sets its
targets; the objective questions are there for pulses; the report breaks KPIs down by team."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insights import kpis_registry
from insights.models import Objective, ObjectiveKPI
from insights.objective_templates import objective_questions, objective_templates
from insights.selectors import monday_of, week_bounds
from insights.services import snapshot_kpis, turn_on_objective_template
from tests.insights.factories import communicator
from tests.people.factories import TeamFactory, UserFactory, employees
from tests.search.factories import search

pytestmark = pytest.mark.django_db

TEMPLATES = "/admin/insights/objectives/templates/"


def turn_on(code):
    return f"{TEMPLATES}{code}/turn-on/"


def test_the_four_objectives_of_the_issue_are_offered_with_their_kpis_and_targets(client):
    assert [t.code for t in objective_templates()] == [
        "information_sharing",
        "culture",
        "co_creativity",
        "frustrations",
    ]
    client.force_login(communicator())  # the admin speaks French, the default
    html = client.get(TEMPLATES).content.decode()
    for title in ["Partage de l&#x27;information", "Culture", "Co-créativité", "Frustrations"]:
        assert f"Activer « {title} »" in html
    assert "Recherches réussies sans reformulation" in html
    assert "Remerciements entre équipes" in html
    assert "Participation aux ateliers et événements" in html


def test_turning_a_template_on_creates_its_objective_once_with_the_suggested_targets(client):
    client.force_login(communicator())
    response = client.post(turn_on("culture"))
    goal = Objective.objects.get(template="culture")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/snippets/insights/objective/edit/{goal.pk}/"
    assert goal.title == "Culture"
    assert goal.starts_on == timezone.localdate()
    assert dict(goal.kpis.values_list("kpi", "target")) == {
        "kudos_across_teams": 40.0,
        "participation_breadth": 80.0,
        "values_recognised": 75.0,
    }

    ObjectiveKPI.objects.filter(objective=goal, kpi="kudos_across_teams").update(target=55)
    client.post(turn_on("culture"))
    assert Objective.objects.filter(template="culture").count() == 1
    assert goal.kpis.count() == 3
    assert goal.kpis.get(kpi="kudos_across_teams").target == 55  # the target set stays
    assert "Modifier « Culture »" in client.get(TEMPLATES).content.decode()


def test_the_frustrations_objective_measures_the_actions_taken():
    goal, created = turn_on_objective_template("frustrations")
    assert created
    # actions_closed and signal_to_action_days come from the actions sub-app.
    assert set(goal.kpis.values_list("kpi", flat=True)) == {
        "signals_raised",
        "actions_closed",
        "signal_to_action_days",
    }


def test_a_template_kpi_not_registered_is_left_out_until_its_app_registers_it(monkeypatch):
    without_actions = {
        code: kpi
        for code, kpi in kpis_registry._registry.items()
        if code not in {"actions_closed", "signal_to_action_days"}
    }
    monkeypatch.setattr(kpis_registry, "_registry", without_actions)
    goal, created = turn_on_objective_template("frustrations")
    assert created
    assert set(goal.kpis.values_list("kpi", flat=True)) == {"signals_raised"}
    again, created = turn_on_objective_template("frustrations")
    assert (again, created) == (goal, False)


def test_objective_titles_follow_the_site_language(settings):
    settings.LANGUAGE_CODE = "fr"
    goal, _created = turn_on_objective_template("information_sharing")
    assert goal.title == "Partage de l'information"


def test_only_communicators_turn_objectives_on_and_unknown_ones_are_not_found(client):
    client.force_login(UserFactory())
    client.post(turn_on("culture"))
    assert not Objective.objects.exists()
    client.force_login(communicator())
    assert client.post(turn_on("bananas")).status_code == 404
    assert client.get(turn_on("culture")).status_code == 405


def test_the_objective_questions_for_pulses_are_data_in_french_and_english():
    questions = objective_questions()
    assert {
        "code": "find_information",
        "objective": "information_sharing",
        "fr": "Trouvez-vous facilement l'information dont vous avez besoin ?",
        "en": "Do you easily find the information you need?",
    } in questions
    codes = {t.code for t in objective_templates()}
    assert {q["objective"] for q in questions} == codes
    assert all(q["objective"] == "culture" for q in objective_questions("culture"))


def test_the_report_breaks_each_kpi_down_by_the_teams_above_the_floor(client):
    week = monday_of(timezone.localdate())
    when = week_bounds(week)[0] + timedelta(hours=1)
    sales, support, tiny = (TeamFactory(name=n) for n in ["Ventes", "Support", "Paie"])
    for team, clicked in [(sales, 5), (support, 1)]:
        for index, someone in enumerate(employees(5, team=team)):
            search(someone, "congés", click=index < clicked, when=when)
    # Two in a small team and three without one: together, the organisation's people outside
    # the teams shown reach the floor (else a team would be withheld, see disclosure.py).
    for someone in employees(2, team=tiny) + employees(3):
        search(someone, "paie", click=True, when=when)
    goal, _created = turn_on_objective_template("information_sharing")
    goal.starts_on = week - timedelta(weeks=1)
    goal.save()
    ObjectiveKPI.objects.get_or_create(
        objective=goal, kpi="search_success", defaults={"target": 50}
    )
    snapshot_kpis(weeks=[week])
    client.force_login(communicator())

    html = client.get("/admin/insights/kpis/").content.decode()
    table = html.split('data-testid="breakdown-search_success"')[1].split("</table>")[0]
    assert "Ventes" in table and "Support" in table
    assert "Paie" not in table  # two people: no figure of its own
    assert "100" in table and "20" in table


def test_no_breakdown_nor_team_filter_when_the_works_council_turned_them_off(client, settings):
    settings.INSIGHTS_TEAM_BREAKDOWNS = False
    week = monday_of(timezone.localdate())
    sales = TeamFactory(name="Ventes")
    for someone in employees(5, team=sales) + employees(5):
        search(someone, "congés", click=True, when=week_bounds(week)[0] + timedelta(hours=1))
    goal, _created = turn_on_objective_template("information_sharing")
    ObjectiveKPI.objects.create(objective=goal, kpi="search_success", target=50)
    goal.starts_on = week
    goal.save()
    snapshot_kpis(weeks=[week])
    client.force_login(communicator())

    html = client.get(f"/admin/insights/kpis/?team={sales.pk}").content.decode()
    assert 'data-testid="breakdown-' not in html
    assert 'name="team"' not in html
