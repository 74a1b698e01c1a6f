"""The managers' dashboard on the site: their teams' figures, never a group under five people."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ideas.models import Status
from insights.services import flush_activity, record_activity
from news.models import Acknowledgement
from tests.ideas.factories import challenge, idea
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, UserFactory, employees, kudos, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    """Sales (a manager and 6 reports), with Paris (5 people) and Lyon (3) below it."""
    sales = TeamFactory(name="Sales")
    paris, lyon = TeamFactory(name="Paris", parent=sales), TeamFactory(name="Lyon", parent=sales)
    boss = person(team=sales)
    direct = employees(6, team=sales, manager=boss)
    paris_people = employees(5, team=paris, manager=direct[0])
    lyon_people = employees(3, team=lyon, manager=direct[1])
    other = TeamFactory(name="Legal")
    legal_boss = person(team=other)
    legal = employees(5, team=other, manager=legal_boss)
    return {
        "sales": sales,
        "paris": paris,
        "lyon": lyon,
        "boss": boss,
        "direct": direct,
        "paris_people": paris_people,
        "lyon_people": lyon_people,
        "legal": other,
        "legal_boss": legal_boss,
        "legal_people": legal,
    }


def url(team):
    return f"/insights/teams/{team.slug}/"


def test_only_managers_of_the_team_or_above_and_superusers_see_it(client, org):
    client.force_login(org["boss"])
    assert client.get(url(org["sales"])).status_code == 200
    assert client.get(url(org["paris"])).status_code == 200  # a team below theirs
    assert client.get(url(org["legal"])).status_code == 403
    client.force_login(org["direct"][2])  # a member who manages nobody
    assert client.get(url(org["sales"])).status_code == 403
    assert client.get("/insights/teams/").status_code == 403
    client.force_login(org["direct"][0])  # manages the Paris people only
    assert client.get(url(org["paris"])).status_code == 200
    assert client.get(url(org["sales"])).status_code == 403
    client.force_login(org["legal_boss"])
    assert client.get(url(org["sales"])).status_code == 403
    assert client.get(url(org["sales"]), {"format": "csv"}).status_code == 403
    assert client.get("/insights/teams/nope/").status_code == 404
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(url(org["legal"])).status_code == 200
    client.logout()
    assert client.get(url(org["sales"])).status_code == 302


def test_a_manager_lists_the_teams_they_manage(client, org):
    client.force_login(org["boss"])
    html = client.get("/insights/teams/").content.decode()
    assert "Sales" in html and "Paris" in html and "Lyon" in html and "Legal" not in html


def test_the_dashboard_gives_participation_ideas_kudos_and_pending_must_reads(client, org):
    sections()
    open_challenge = challenge(phase="open", owner=org["legal_boss"])
    paris = org["paris_people"]
    for someone in paris[:3]:
        idea(open_challenge, author=someone)
    idea(open_challenge, author=paris[3], status=Status.SELECTED)
    kudos(org["legal_people"][0], paris[0])
    kudos(paris[1], org["legal_people"][1])
    for someone in paris[:2]:
        record_activity(user=someone)
    flush_activity()
    must_read = publish_news(title="Sécurité", must_read=True)
    for someone in org["direct"][:4]:
        Acknowledgement.objects.create(page=must_read, user=someone)
    client.force_login(org["boss"])

    response = client.get(url(org["sales"]))

    total = response.context["dashboard"]["total"]
    assert total["people"] == 15  # the boss, 6 reports, Paris 5, Lyon 3
    assert total["contributors"] == 4  # three authors and one kudos giver (one also wrote)
    assert total["active"] == 2
    assert total["ideas"] == 4
    assert total["ideas_by_status"][Status.SELECTED] == 1
    assert (total["kudos_received"], total["kudos_given"]) == (1, 1)
    [row] = response.context["dashboard"]["must_reads"]
    assert (row["addressed"], row["acknowledged"], row["pending"]) == (15, 4, 11)
    html = response.content.decode()
    assert "Sécurité" in html and "<td>11</td>" in html


def test_the_team_figures_are_metric_cards_compared_with_the_period_before(client, org):
    from datetime import timedelta

    from ideas.models import Idea

    open_challenge = challenge(phase="open", owner=org["legal_boss"])
    paris = org["paris_people"]
    earlier = idea(open_challenge, author=paris[4])
    Idea.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - timedelta(days=40))
    for someone in paris[:3]:
        idea(open_challenge, author=someone)
    client.force_login(org["boss"])

    response = client.get(url(org["sales"]), {"days": 30})

    cards = {card["label"]: card for card in response.context["dashboard"]["cards"]}
    assert cards["Ont contribué"]["value"] == 20.0  # 3 of 15, against 1 of 15 before
    assert cards["Ont contribué"]["trend"].change == 13.3
    assert (cards["Idées"]["value"], cards["Idées"]["trend"].text) == (3, "+2")
    assert cards["Idées"]["trend"].good is True
    html = response.content.decode()
    metrics = html[html.index('data-testid="team-metrics"') :]
    assert "par rapport aux 30 jours précédents" in metrics
    assert '<p class="metric-card__value">20<span class="metric-card__unit"> %</span>' in metrics


def test_a_sub_team_of_five_has_its_own_row_a_sub_team_of_three_does_not(client, org):
    client.force_login(org["boss"])

    dashboard = client.get(url(org["sales"])).context["dashboard"]

    # Lyon is in the rest of Sales (its 7 direct members and Lyon's 3), together.
    assert [(name, f["people"]) for name, f in dashboard["subteams"]] == [("Paris", 5), (None, 10)]
    assert "Lyon" not in client.get(url(org["sales"])).content.decode().split("<main")[1]


def test_the_rows_of_a_dashboard_add_up_to_its_total(client, org):
    marseille = TeamFactory(name="Marseille", parent=org["sales"])
    employees(2, team=marseille, manager=org["direct"][2])
    client.force_login(org["boss"])

    dashboard = client.get(url(org["sales"])).context["dashboard"]

    assert [(name, figures["people"]) for name, figures in dashboard["subteams"]] == [
        ("Paris", 5),
        (None, 12),  # the 7 direct members, Lyon (3) and Marseille (2) together
    ]
    assert sum(figures["people"] for _name, figures in dashboard["subteams"]) == 17


def test_a_team_of_four_shows_nothing_a_team_of_five_shows_its_figures(client, org):
    org["lyon_people"].append(person(team=org["lyon"], manager=org["direct"][1]))
    client.force_login(org["direct"][1])

    four = client.get(url(org["lyon"]))
    assert four.context["dashboard"] is None
    assert "moins de 5 personnes actives" in four.content.decode()
    rows = list(
        csv.reader(
            io.StringIO(client.get(url(org["lyon"]), {"format": "csv"}).content.decode("utf-8-sig"))
        )
    )
    assert len(rows) == 1  # the header only

    person(team=org["lyon"], manager=org["direct"][1])
    five = client.get(url(org["lyon"]))
    assert five.context["dashboard"]["total"]["people"] == 5
    rows = list(
        csv.reader(
            io.StringIO(client.get(url(org["lyon"]), {"format": "csv"}).content.decode("utf-8-sig"))
        )
    )
    assert rows[1][:3] == ["Lyon", "90", "5"]


def test_a_must_read_addressed_to_fewer_than_five_of_the_team_is_not_listed(client, org):
    sections()
    publish_news(title="Pour Lyon", must_read=True, audience=[org["lyon"]])
    publish_news(title="Pour Paris", must_read=True, audience=[org["paris"]])
    client.force_login(org["boss"])

    titles = [
        row["title"] for row in client.get(url(org["sales"])).context["dashboard"]["must_reads"]
    ]

    assert titles == ["Pour Paris"]


def test_the_csv_export_gives_the_team_and_the_sub_teams_at_or_above_the_floor(client, org):
    client.force_login(org["boss"])

    response = client.get(url(org["sales"]), {"format": "csv", "days": "30"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["team", "days", "people", "contributors"]
    assert [row[:3] for row in rows[1:]] == [
        ["Sales", "30", "15"],
        ["Paris", "30", "5"],
        ["(rest of the team, together)", "30", "10"],
    ]


def test_the_dashboard_runs_a_constant_number_of_queries(client, org):
    sections()
    publish_news(title="Première", must_read=True)
    client.force_login(org["boss"])
    client.get(url(org["sales"]))
    with CaptureQueriesContext(connection) as few:
        client.get(url(org["sales"]))

    for name in ("Nantes", "Lille", "Nice"):
        employees(5, team=TeamFactory(name=name, parent=org["sales"]), manager=org["direct"][3])
    open_challenge = challenge(phase="open")
    for someone in org["paris_people"]:
        idea(open_challenge, author=someone)
        kudos(someone, org["boss"])
    publish_news(title="À lire", must_read=True)
    publish_news(title="À lire aussi", must_read=True, must_read_due=timezone.localdate())
    client.get(url(org["sales"]))
    with CaptureQueriesContext(connection) as many:
        client.get(url(org["sales"]))

    assert len(many) == len(few)
