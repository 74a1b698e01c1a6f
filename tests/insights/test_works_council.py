"""The works-council switches (team breakdowns, frustration analysis) that administrators set
in the admin, the server's hard off, and the page every employee reads about what is analysed."""

from datetime import timedelta

import pytest
from celery.signals import task_postrun, task_prerun
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from insights.detection import weekly_signals
from insights.models import ListeningSettings
from insights.privacy import frustration_analysis_on, remembered, team_breakdowns_on
from insights.selectors import last_complete_week, week_bounds
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge, idea
from tests.insights.factories import communicator
from tests.people.factories import TeamFactory, employees, guest, person

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/admin/settings/insights/listeningsettings/"
PAGE = "/insights/what-we-analyse/"
WEEK = last_complete_week()


def choose(*, team_breakdowns: bool = True, frustration_analysis: bool = True, agreement=""):
    row = ListeningSettings.load()
    row.team_breakdowns, row.frustration_analysis = team_breakdowns, frustration_analysis
    row.agreement = agreement
    row.save()


@pytest.fixture
def managed_team():
    team = TeamFactory(name="Ventes")
    boss = person(team=team)
    employees(6, team=team, manager=boss)
    return team, boss


def test_both_switches_are_on_until_the_administrators_choose():
    assert ListeningSettings.objects.count() == 0
    assert team_breakdowns_on() and frustration_analysis_on()


def test_an_administrator_turns_team_breakdowns_off_in_the_admin_and_dashboards_obey(
    client, managed_team
):
    team, boss = managed_team
    client.force_login(person(is_superuser=True, is_staff=True))

    edit = client.get(SETTINGS_URL)["Location"]
    response = client.post(edit, {"frustration_analysis": "on", "agreement": "Accord 2026"})

    assert response.status_code == 302
    assert not team_breakdowns_on() and frustration_analysis_on()
    client.force_login(boss)
    page = client.get(f"/insights/teams/{team.slug}/")
    assert page.status_code == 200
    assert "désactivés par accord avec le CSE" in page.content.decode()
    assert 'data-testid="team-metrics"' not in page.content.decode()
    csv = client.get(f"/insights/teams/{team.slug}/?format=csv")
    assert "text/csv" not in csv["Content-Type"]


def test_turning_team_breakdowns_back_on_shows_the_dashboard_again(client, managed_team):
    team, boss = managed_team
    choose(team_breakdowns=False)
    client.force_login(boss)
    assert 'data-testid="team-breakdowns-off"' in client.get(f"/insights/teams/{team.slug}/").text

    choose(team_breakdowns=True)

    assert 'data-testid="team-metrics"' in client.get(f"/insights/teams/{team.slug}/").text


def test_with_team_breakdowns_off_the_kpi_report_ignores_a_team_filter(client, managed_team):
    team, _boss = managed_team
    choose(team_breakdowns=False)
    client.force_login(communicator())

    response = client.get(f"/admin/insights/kpis/?team={team.pk}")

    assert response.status_code == 200
    assert response.context["team"] is None
    assert 'data-testid="team-breakdowns-off"' in response.text
    assert f'<option value="{team.pk}"' not in response.text


def test_frustration_analysis_turned_off_in_the_admin_reads_nothing():
    writing = idea(challenge(phase="open"), created_at=week_bounds(WEEK)[0] + timedelta(hours=2))
    for author in employees(5):
        comment_on(
            writing,
            author=author,
            body="<p>Ça ne marche toujours pas</p>",
            created_at=week_bounds(WEEK)[0] + timedelta(hours=30),
        )
    assert weekly_signals(WEEK)["frustration"]["people"] == 5

    choose(frustration_analysis=False)

    assert weekly_signals(WEEK)["frustration"] == {
        "people": None,
        "topics": [],
        "teams": [],
        "off": True,
    }


@override_settings(INSIGHTS_TEAM_BREAKDOWNS=False, INSIGHTS_FRUSTRATION_ANALYSIS=False)
def test_the_servers_configuration_turns_both_off_whatever_the_admin_says(client):
    choose(team_breakdowns=True, frustration_analysis=True)

    assert not team_breakdowns_on() and not frustration_analysis_on()
    client.force_login(person())
    page = client.get(PAGE).text
    assert "Chiffres par équipe : <strong>désactivés</strong>" in page
    assert "Analyse de la frustration : <strong>désactivée</strong>" in page
    assert "reste désactivé, quel que soit le choix des administrateurs" in page


def test_the_switches_and_the_agreement_are_read_once_per_request(client, managed_team):
    team, boss = managed_team
    choose(team_breakdowns=False, agreement="Accord 2026")
    client.force_login(boss)

    for url in (PAGE, f"/insights/teams/{team.slug}/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        read = [q for q in queries.captured_queries if "insights_listeningsettings" in q["sql"]]
        assert len(read) == 1, url

    choose(team_breakdowns=True)  # outside a request: read again, at once
    assert team_breakdowns_on()


def settings_reads(queries):
    return [q for q in queries.captured_queries if "insights_listeningsettings" in q["sql"]]


def test_a_background_task_reads_the_switches_once_however_often_it_asks():
    choose(team_breakdowns=False)
    task_prerun.send(sender=None, task_id="digest-batch", task=None)
    try:
        with CaptureQueriesContext(connection) as queries:
            answers = {team_breakdowns_on() for _manager in range(20)}
    finally:
        task_postrun.send(sender=None, task_id="digest-batch", task=None)
    assert answers == {False}
    assert len(settings_reads(queries)) == 1

    choose(team_breakdowns=True)  # the next task reads the new choice
    assert team_breakdowns_on()


def test_a_long_piece_of_work_reads_them_once_and_sees_a_change_saved_meanwhile():
    with remembered():
        with CaptureQueriesContext(connection) as before:
            assert all(frustration_analysis_on() for _item in range(10))
        choose(frustration_analysis=False)
        with CaptureQueriesContext(connection) as after:
            assert not any(frustration_analysis_on() for _item in range(10))
    assert len(settings_reads(before)) == len(settings_reads(after)) == 1


def test_every_employee_reads_what_is_analysed_and_what_never_is(client):
    client.force_login(person())

    response = client.get(PAGE)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce que nous analysons, et ce que nous ne faisons jamais" in page
    assert "au moins 5 personnes différentes" in page
    assert "au moins 10 personnes différentes" in page
    assert "uniquement hebdomadaires" in page
    assert "Les messages privés" in page
    assert "Qui a répondu à un sondage éclair" in page
    assert "Qui a écrit une idée ou une question anonyme" in page
    assert "Chiffres par équipe : <strong>activés</strong>" in page
    assert "Analyse de la frustration : <strong>activée</strong>" in page
    assert 'data-testid="transparency-link"' in page  # linked from every page's footer


def test_the_page_follows_the_switches_and_names_the_agreement(client):
    choose(frustration_analysis=False, agreement="accord du 12 mars 2026 <signé>")
    client.force_login(person())

    page = client.get(PAGE).content.decode()

    assert "Analyse de la frustration : <strong>désactivée</strong>" in page
    assert "Chiffres par équipe : <strong>activés</strong>" in page
    assert "accord du 12 mars 2026 &lt;signé&gt;" in page


def test_the_page_is_for_signed_in_employees_only(client):
    assert client.get(PAGE).status_code == 302
    client.force_login(guest())
    assert client.get(PAGE).status_code == 404


def test_with_frustration_analysis_off_the_signals_report_says_so_and_draws_no_frustration(client):
    choose(frustration_analysis=False)
    client.force_login(communicator())

    page = client.get("/admin/insights/signals/").text

    assert "L’analyse de la frustration est désactivée par accord." in page
    assert 'id="signal-frustration-title"' not in page
