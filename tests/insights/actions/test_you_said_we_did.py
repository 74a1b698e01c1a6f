"""“Vous avez dit, nous avons fait”: every employee reads the public actions, what was done
first, with what people said (how many, about what) and never who said it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights.actions.kpis import actions_closed, median_days_signal_to_action
from insights.actions.selectors import actions_done_between
from insights.actions.services import action_record_progress
from insights.selectors import group_for, week_bounds
from tests.ideas.factories import challenge, idea
from tests.insights.actions.factories import action, last_monday, manager_of, source
from tests.insights.factories import communicator
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db

PAGE = "/insights/actions/you-said-we-did/"


def test_the_page_lists_public_actions_done_first_without_naming_who_spoke(client):
    claire = communicator(username="claire", first_name="Claire", last_name="Dupont")
    speaker = person(username="sam", first_name="Samira", last_name="Benali")
    idea(
        challenge(owner=person(username="owner"), phase="open"),
        author=speaker,
        title="Un parking à vélos",
    )
    planned = action(opener=claire, title="Plus de bornes", public=True)
    finished = action(
        opener=claire, title="Parking à vélos", public=True, source=source(label="vélo")
    )
    action_record_progress(action=finished, author=claire, status="done", outcome="40 places")
    action(opener=claire, title="Réorganisation secrète", public=False)
    client.force_login(person(username="emma", first_name="Emma", last_name="Martin"))

    page = client.get(PAGE)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Vous avez dit, nous avons fait" in html
    assert "23 personnes ont parlé de « parking »" in html
    assert "23 personnes ont parlé de « vélo »" in html
    assert html.index(finished.title) < html.index(planned.title)
    assert "40 places" in html
    assert "Réorganisation secrète" not in html
    for name in ("Samira", "Benali", "Claire", "Dupont"):
        assert name not in html


def test_filters_by_status_and_by_what_it_answers(client):
    claire = communicator(username="claire")
    action(opener=claire, title="Bornes", public=True)
    searched = action(
        opener=claire,
        title="Une page sur les congés",
        public=True,
        source=source(kind="zero_results", key="conges", label="congés"),
    )
    action_record_progress(action=searched, author=claire, status="done", outcome="Page en ligne")
    client.force_login(person(username="emma", first_name="Emma", last_name="Martin"))

    done = client.get(PAGE, {"status": "done"}).content.decode()
    searches = client.get(PAGE, {"kind": "zero_results"}).content.decode()
    nonsense = client.get(PAGE, {"status": "whatever", "kind": "x"})

    assert "Une page sur les congés" in done and "Bornes" not in done
    assert "23 personnes ont cherché « congés » sans rien trouver" in searches
    assert "Bornes" not in searches
    assert nonsense.status_code == 200 and "Bornes" in nonsense.content.decode()


def test_the_page_costs_the_same_queries_for_2_or_20_actions(client):
    claire = communicator(username="claire")
    for n in range(2):
        action(opener=claire, title=f"Action {n}", public=True)
    client.force_login(person(username="emma", first_name="Emma", last_name="Martin"))
    client.get(PAGE)
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    for n in range(2, 20):
        action(opener=claire, title=f"Action {n}", public=True)
    with CaptureQueriesContext(connection) as many:
        html = client.get(PAGE).content.decode()

    assert "Action 19" in html
    assert len(many) == len(few)


def test_signing_in_is_needed(client):
    assert client.get(PAGE).status_code == 302


def test_the_list_for_managers_holds_their_teams_actions(client):
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    boss = manager_of(sales)
    claire = communicator(username="claire")
    ours = action(opener=claire, title="Pour les ventes", team=sales)
    action(opener=claire, title="Pour le support", team=support)
    client.force_login(boss)
    html = client.get("/insights/actions/").content.decode()

    assert ours.title in html and "Pour le support" not in html
    assert client.get(f"/insights/actions/{ours.pk}/").status_code == 200


def test_actions_done_between_and_the_kpis():
    sales = TeamFactory(name="Ventes")
    claire = communicator(username="claire")
    for n in range(5):
        person(username=f"seller-{n}", team=sales)
    week_start, week_end = week_bounds(last_monday() + timedelta(days=7))
    ours = action(opener=claire, title="Ventes", team=sales)
    other = action(opener=claire, title="Ailleurs")
    for plan in (ours, other):
        action_record_progress(action=plan, author=claire, status="done", outcome="Fait")
    action(opener=claire, title="En cours", team=sales)

    now = timezone.now()
    done = list(actions_done_between(now - timedelta(hours=1), now + timedelta(hours=1)))
    everyone = actions_closed(week_start, week_end, group_for(None))
    team = actions_closed(week_start, week_end, group_for(sales))
    delay = median_days_signal_to_action(week_start, week_end, group_for(sales))

    assert done == [ours, other]
    assert (everyone.value, team.value) == (2.0, 1.0)
    assert team.people == 5
    # Opened this week about last week: from last Monday to today.
    assert delay.value == float((timezone.localdate() - last_monday()).days)
