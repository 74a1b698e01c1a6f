"""After `load_demo`, every role finds figures, not empty states: the ideas hub in every phase,
the KPIs, the signals, search analytics, the managers' team dashboard and "you said, we did".

The demo is loaded once for the module (it is slow) inside a transaction rolled back at the
end, so that nothing it writes reaches the other tests of this slot's database.
"""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from agenda.models import RSVP
from ideas.models import ChallengePage, Idea, Phase, Status, StatusChange, Vote
from insights import selectors as insights_selectors
from insights.actions.models import Action, ActionStatus
from insights.models import KPISnapshot, Objective
from insights.pulse.models import Response
from search.models import SearchClick, SearchQueryLog
from tests.intranet.factories import home_page

pytestmark = pytest.mark.django_db


def load_demo() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_demo", "--allow-production", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def activity_counts() -> dict[str, int]:
    return {
        "challenges": ChallengePage.objects.count(),
        "ideas": Idea.objects.count(),
        "votes": Vote.objects.count(),
        "answers": StatusChange.objects.count(),
        "rsvps": RSVP.objects.count(),
        "searches": SearchQueryLog.objects.count(),
        "clicks": SearchClick.objects.count(),
        "pulse answers": Response.objects.count(),
        "objectives": Objective.objects.count(),
        "snapshots": KPISnapshot.objects.count(),
        "actions": Action.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice (the second load must add nothing), rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        home_page()
        first_out, first_err = load_demo()
        after_first = activity_counts()
        _out, second_err = load_demo()
        yield {
            "output": first_out,
            "errors": first_err + second_err,
            "first": after_first,
            "second": activity_counts(),
        }
        transaction.set_rollback(True)


def signed_in(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def test_a_second_load_adds_nothing_and_the_first_says_what_it_added(demo):
    assert demo["errors"] == ""
    assert demo["second"] == demo["first"]
    assert "ideas (" in demo["output"] and "searches over 12 weeks" in demo["output"]
    assert "KPI snapshots over 13 weeks" in demo["output"]


def test_challenges_in_every_phase_and_ideas_at_every_status_with_answers(demo):
    now = timezone.now()
    phases = {challenge.phase(now) for challenge in ChallengePage.objects.live()}
    assert set(Phase.values) <= phases
    statuses = set(Idea.objects.values_list("status", flat=True))
    assert set(Status.values) <= statuses
    assert Idea.objects.count() >= 80
    # Every decided idea carries the owner's message, dated after it was submitted.
    decided = Idea.objects.exclude(status=Status.SUBMITTED)
    for idea in decided:
        changes = list(idea.status_changes.all())
        assert changes and changes[-1].to_status == idea.status and changes[-1].message
        assert changes[0].created_at > idea.created_at
    histories = [
        [change.to_status for change in idea.status_changes.all()]
        for idea in Idea.objects.filter(status=Status.IMPLEMENTED)
    ]
    assert [Status.SELECTED, Status.IMPLEMENTED] in [history[-2:] for history in histories]
    # Counters agree with the rows the services wrote; votes are dated in the voting phase.
    for idea in Idea.objects.filter(vote_count__gt=0)[:20]:
        assert idea.votes.count() == idea.vote_count
        assert all(vote.created_at < now for vote in idea.votes.all())
    assert Vote.objects.values("user").distinct().count() >= 10
    # The employee's own ideas got an answer; workshops have participants, one its report.
    assert Idea.objects.filter(author__username="camille").exclude(status=Status.SUBMITTED)
    workshops = [e for c in ChallengePage.objects.all() for e in c.events.all()]
    assert len(workshops) >= 2
    assert all(workshop.going_count >= 5 for workshop in workshops)
    assert any(workshop.reported_at for workshop in workshops)


def test_the_kpi_page_shows_weeks_of_figures_against_targets(demo, client):
    response = signed_in(client, "claire").get(reverse("insights_kpis"))
    assert response.status_code == 200
    objectives = response.context["objectives"]
    assert len(objectives) == 4
    measured = [
        row
        for _objective, rows in objectives
        for row, _chart in rows
        if sum(value is not None for _week, value in row.points) >= 8
    ]
    assert len(measured) >= 6, "at least six KPIs with eight measured weeks"
    assert "No objective yet" not in response.content.decode()


def test_the_signals_page_shows_themes_zero_result_searches_and_frustration(demo, client):
    response = signed_in(client, "claire").get(reverse("insights_signals"))
    assert response.status_code == 200
    signals = response.context["signals"]
    kinds = {theme["kind"] for theme in response.context["themes"] if theme["people"]}
    assert {"emerging", "strong"} <= kinds
    floor = insights_selectors.floor()
    assert all(theme["people"] >= floor for theme in response.context["themes"] if theme["people"])
    assert "note de frais" in {row["query"] for row in signals["zero_results"]}
    assert signals["frustration"]["people"] >= floor
    assert signals["frustration"]["topics"]


def test_search_analytics_show_what_people_search_and_do_not_find(demo, client):
    response = signed_in(client, "claire").get(reverse("search_analytics"))
    assert response.status_code == 200
    assert len(response.context["top"]) >= 5
    assert "note de frais" in {row.query for row in response.context["zero"]}
    assert response.context["latest"]["searches"] > 0
    assert len(response.context["trend"]) >= 12
    assert all(row.searchers >= 5 for row in response.context["top"])


def test_the_manager_sees_figures_for_a_team_that_passes_the_floor(demo, client):
    mathilde = User.objects.get(username="mathilde")
    tree = insights_selectors.team_tree()
    teams = [
        team for team in insights_selectors.teams_managed_by(mathilde) if team.pk in tree.shown
    ]
    assert teams, "the demo gives the manager a team of at least the floor of people"
    response = signed_in(client, "mathilde").get(reverse("insights:team", args=[teams[0].slug]))
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert dashboard is not None
    total = dashboard["total"]
    assert total["people"] >= insights_selectors.floor()
    assert total["contributors"] > 0 and total["active"] > 0 and total["ideas"] > 0


def test_employees_read_what_was_done_with_what_they_said(demo, client):
    closed = Action.objects.get(status=ActionStatus.DONE, public=True)
    assert closed.outcome and closed.closed_at < timezone.now()
    assert closed.source_people >= insights_selectors.floor()
    response = signed_in(client, "camille").get(reverse("insights_actions:you_said_we_did"))
    assert response.status_code == 200
    assert closed.title in response.content.decode()
