"""The communicators' KPI dashboard: objectives against targets over time, by team, as CSV."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights.models import KPISnapshot, Objective, ObjectiveKPI
from insights.selectors import monday_of, week_bounds
from insights.services import snapshot_kpis
from tests.insights.factories import communicator
from tests.people.factories import TeamFactory, UserFactory, employees
from tests.search.factories import search

pytestmark = pytest.mark.django_db

URL = "/admin/insights/kpis/"


def this_week():
    """Monday of the current week, taken when a test runs (not when the module is collected)."""
    return monday_of(timezone.localdate())


def objective(title="Mieux trouver", kpis=(("search_success", 60.0),), weeks=4):
    goal = Objective.objects.create(
        title=title, starts_on=this_week() - timedelta(weeks=weeks), ends_on=this_week()
    )
    for code, target in kpis:
        ObjectiveKPI.objects.create(objective=goal, kpi=code, target=target)
    return goal


def searches_this_week(people, *, clicked: int):
    """One search each, the first `clicked` of them followed by a click."""
    when = week_bounds(this_week())[0] + timedelta(hours=1)
    for index, person in enumerate(people):
        search(person, "congés", click=index < clicked, when=when)


def refused(response) -> bool:
    """Wagtail answers a refusal by sending the person away (sign-in page or admin home)."""
    return response.status_code == 403 or (
        response.status_code == 302 and not response["Location"].startswith(URL)
    )


def decimal(html: str) -> str:
    """The admin speaks the user's language: French writes 80,0 where English writes 80.0."""
    return html.replace(",", ".")


def test_communicators_and_superusers_see_the_dashboard_others_are_refused(client):
    client.force_login(UserFactory())
    assert refused(client.get(URL))
    editor = UserFactory()
    editor.user_permissions.add(*communicator().groups.get().permissions.all())
    client.force_login(editor)  # may use the admin, but is no communicator
    assert refused(client.get(URL))
    client.force_login(communicator())
    assert client.get(URL).status_code == 200
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(URL).status_code == 200
    client.logout()
    assert refused(client.get(URL))


def test_the_dashboard_shows_each_kpi_against_its_target_with_a_chart_and_a_table(client):
    searches_this_week(employees(5), clicked=4)
    objective(kpis=[("search_success", 60.0), ("zero_results", 10.0)])
    snapshot_kpis(weeks=[this_week()])
    client.force_login(communicator())

    raw = client.get(URL).content.decode()
    html = decimal(raw)

    # Coordinates stay machine-readable whatever the language (no "16,0" in French).
    coordinates = re.findall(r'(?:cx|cy|y1|y2)="([^"]*)"', raw)
    assert coordinates and all(float(value) >= 0 for value in coordinates)

    assert "Mieux trouver" in html
    # A metric card per KPI: its latest value and whether it is on track, in words.
    assert '<p class="metric-card__value">80<span class="metric-card__unit"> %</span>' in html
    assert "En bonne voie · Cible : 60 %" in html  # admin in French
    # A chart per KPI, hidden from screen readers, which get its data table instead.
    assert html.count('<svg class="chart__svg"') == 2 and 'aria-hidden="true" focusable' in html
    assert "<td>80</td>" in html and "Cible : 60 %</caption>" in html


def test_snapshots_are_recomputed_in_place_not_duplicated():
    people = employees(5)
    searches_this_week(people, clicked=1)
    snapshot_kpis(weeks=[this_week()])
    count = KPISnapshot.objects.count()
    searches_this_week(people, clicked=5)

    snapshot_kpis(weeks=[this_week()])

    assert KPISnapshot.objects.count() == count
    value = KPISnapshot.objects.get(kpi="search_success", team=None, week_start=this_week()).value
    assert value == 60.0  # 6 clicked searches of 10


def test_a_team_of_five_gets_its_own_figures_a_team_of_four_gets_none(client):
    five, four = TeamFactory(name="Cinq"), TeamFactory(name="Quatre")
    searches_this_week(employees(5, team=five), clicked=5)
    searches_this_week(employees(4, team=four), clicked=0)
    # One more searcher outside Cinq: the organisation's searchers minus Cinq's reach the
    # floor, so Cinq's value cannot be subtracted from the organisation's (see
    # test_dashboard_differencing.py).
    searches_this_week(employees(1), clicked=0)
    objective()
    snapshot_kpis(weeks=[this_week()])
    client.force_login(communicator())

    assert KPISnapshot.objects.filter(team=five).exists()
    assert not KPISnapshot.objects.filter(team=four).exists()
    shown = decimal(client.get(URL, {"team": five.pk}).content.decode())
    assert '<p class="metric-card__value">100<span class="metric-card__unit"> %</span>' in shown
    small = decimal(client.get(URL, {"team": four.pk}).content.decode())
    assert '<span class="metric-card__withheld">masquée</span>' in small
    assert "Pas encore mesuré" in small and "metric-card__unit" not in small


def test_a_value_drawn_from_four_people_is_withheld_from_five_it_is_shown():
    searches_this_week(employees(4), clicked=4)
    snapshot_kpis(weeks=[this_week()])
    assert KPISnapshot.objects.get(kpi="search_success", team=None).value is None

    searches_this_week(employees(1), clicked=1)
    snapshot_kpis(weeks=[this_week()])
    assert KPISnapshot.objects.get(kpi="search_success", team=None).value == 100.0


def test_the_csv_export_has_one_row_per_week_and_leaves_withheld_values_empty(client):
    searches_this_week(employees(4), clicked=4)
    objective()
    snapshot_kpis(weeks=[this_week() - timedelta(weeks=1), this_week()])
    client.force_login(communicator())

    response = client.get(URL, {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["objective", "kpi", "unit", "team", "week", "value", "target"]
    assert [row[4:6] for row in rows[1:]] == [
        [str(this_week() - timedelta(weeks=1)), ""],
        [str(this_week()), ""],
    ]
    assert client.get(URL, {"format": "csv"}).status_code == 200
    client.force_login(UserFactory())
    assert refused(client.get(URL, {"format": "csv"}))


def test_the_dashboard_runs_a_constant_number_of_queries(client):
    client.force_login(communicator())
    searches_this_week(employees(5), clicked=2)  # a value, so that teams' values are read
    objective(kpis=[("search_success", 60.0)])
    snapshot_kpis(weeks=[this_week()])
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)

    searches_this_week(employees(6), clicked=3)
    for number in range(3):
        objective(
            title=f"Objectif {number}",
            kpis=[("zero_results", 5.0), ("weekly_active", 100.0), ("contributors", 30.0)],
            weeks=8,
        )
    snapshot_kpis(weeks=[this_week() - timedelta(weeks=n) for n in range(8)])
    with CaptureQueriesContext(connection) as many:
        client.get(URL)

    assert len(many) == len(few)


def test_communicators_define_objectives_in_the_admin(client):
    client.force_login(communicator())
    add = "/admin/snippets/insights/objective/add/"
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "title": "Participation",
            "description": "",
            "starts_on": "2026-01-05",
            "ends_on": "2026-06-28",
            "kpis-TOTAL_FORMS": "1",
            "kpis-INITIAL_FORMS": "0",
            "kpis-MIN_NUM_FORMS": "1",
            "kpis-MAX_NUM_FORMS": "1000",
            "kpis-0-kpi": "contributors",
            "kpis-0-target": "40",
            "kpis-0-id": "",
            "kpis-0-ORDER": "1",
            "kpis-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    goal = Objective.objects.get(title="Participation")
    assert [(k.kpi, k.target) for k in goal.kpis.all()] == [("contributors", 40.0)]

    editor = UserFactory()
    editor.user_permissions.add(*communicator().groups.get().permissions.all())
    client.force_login(editor)
    response = client.get(add)
    assert response.status_code == 403 or response["Location"] == "/admin/"


def test_the_command_fills_the_history_of_past_weeks_once():
    from django.core.management import CommandError, call_command

    searches_this_week(employees(5), clicked=5)
    call_command("snapshot_kpis", "--weeks", "3", stdout=io.StringIO())
    call_command("snapshot_kpis", "--weeks", "3", stdout=io.StringIO())

    weeks = KPISnapshot.objects.filter(kpi="search_success", team=None)
    assert sorted(weeks.values_list("week_start", flat=True)) == [
        this_week() - timedelta(weeks=2),
        this_week() - timedelta(weeks=1),
        this_week(),
    ]
    with pytest.raises(CommandError):
        call_command("snapshot_kpis", "--weeks", "0")


def test_an_objective_with_the_same_kpi_twice_is_refused_with_a_message(client):
    client.force_login(communicator())
    form = {
        "title": "Doublon",
        "description": "",
        "starts_on": "2026-01-05",
        "ends_on": "2026-06-28",
        "kpis-TOTAL_FORMS": "2",
        "kpis-INITIAL_FORMS": "0",
        "kpis-MIN_NUM_FORMS": "1",
        "kpis-MAX_NUM_FORMS": "1000",
    }
    for index in range(2):
        form |= {
            f"kpis-{index}-kpi": "contributors",
            f"kpis-{index}-target": "40",
            f"kpis-{index}-id": "",
            f"kpis-{index}-ORDER": str(index + 1),
            f"kpis-{index}-DELETE": "",
        }

    response = client.post("/admin/snippets/insights/objective/add/", form)

    assert response.status_code == 200
    assert not Objective.objects.filter(title="Doublon").exists()
