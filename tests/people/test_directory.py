"""The directory, team pages and org chart: filters, sorting, paging, constant SQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Kudos, OrganisationValue
from people.selectors import directory
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    top = TeamFactory(name="Direction", slug="direction")
    it = TeamFactory(name="Informatique", slug="it", parent=top)
    support = TeamFactory(name="Support", slug="support", parent=it)
    rh = TeamFactory(name="RH", slug="rh", parent=top)
    ceo = person(first_name="Anne", last_name="Arnaud", team=top, location="Paris").profile
    dsi = person(
        first_name="Bruno",
        last_name="Blanc",
        team=it,
        manager=ceo,
        location="Lyon",
        skills=["Python", "Kubernetes"],
        languages=["anglais"],
    ).profile
    tech = person(
        first_name="Chloé",
        last_name="Colin",
        team=support,
        manager=dsi,
        location="Lyon",
        skills=["Linux", "Python"],
    ).profile
    hr = person(
        first_name="David", last_name="Dumas", team=rh, manager=ceo, location="Paris"
    ).profile
    return {
        "top": top,
        "it": it,
        "support": support,
        "ceo": ceo,
        "dsi": dsi,
        "tech": tech,
        "hr": hr,
    }


def names(people):
    return [p.user.last_name for p in people]


def test_a_team_filter_includes_its_sub_teams(org):
    assert names(directory(team=org["it"])) == ["Blanc", "Colin"]
    assert names(directory(team=org["support"])) == ["Colin"]
    assert len(directory(team=org["top"])) == 4


def test_filters_by_location_skill_and_language(org):
    assert names(directory(location="lyon")) == ["Blanc", "Colin"]
    assert names(directory(skill="python")) == ["Blanc", "Colin"]
    assert names(directory(skill="Linux")) == ["Colin"]
    assert names(directory(language="anglais")) == ["Blanc"]


def test_who_knows_finds_people_by_part_of_a_skill(org):
    assert names(directory(knows="kube")) == ["Blanc"]
    assert names(directory(knows="pyth")) == ["Blanc", "Colin"]
    assert names(directory(knows="cobol")) == []


def test_sorting(org):
    assert names(directory(sort="-name")) == ["Dumas", "Colin", "Blanc", "Arnaud"]
    assert names(directory(sort="team")) == ["Arnaud", "Blanc", "Dumas", "Colin"]
    assert names(directory(sort="location"))[:2] == ["Blanc", "Colin"]


def test_the_directory_page_filters_sorts_and_pages(client, org):
    client.force_login(org["ceo"].user)
    for number in range(30):
        person(first_name="Zed", last_name=f"Zz{number:02d}")

    page1 = client.get(reverse("people:directory"))
    page2 = client.get(reverse("people:directory"), {"page": 2})
    filtered = client.get(reverse("people:directory"), {"team": "it", "skill": "Python"})
    knows = client.get(reverse("people:directory"), {"knows": "kubernetes", "sort": "-name"})

    assert page1.status_code == 200
    assert len(page1.context["page_obj"].object_list) == 24
    assert len(page2.context["page_obj"].object_list) == 10
    assert 'rel="next"' in page1.content.decode()
    assert names(filtered.context["page_obj"].object_list) == ["Blanc", "Colin"]
    assert names(knows.context["page_obj"].object_list) == ["Blanc"]
    assert "Bruno Blanc" in knows.content.decode()


def test_a_bad_filter_value_is_ignored_rather_than_failing(client, org):
    client.force_login(org["ceo"].user)

    response = client.get(reverse("people:directory"), {"team": "nope", "sort": "evil"})

    assert response.status_code == 200
    assert response.context["form"].errors["team"]
    assert response.context["page_obj"].paginator.count == 4


def count_queries(client, url, params=None):
    """The queries of a second read: the first builds what is cached (the header's menu)."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def test_directory_and_team_pages_run_a_constant_number_of_queries(client, org):
    viewer = org["ceo"].user
    client.force_login(viewer)
    team_url = reverse("people:team", args=["support"])
    directory_url = reverse("people:directory")
    chart_url = reverse("people:org_chart", args=[org["dsi"].user.username])
    # One kudos already: a list of kudos costs the same two queries for its managers' thanks
    # (people.manager_thanks) whatever its length, and none when there is no kudos at all.
    Kudos.objects.create(
        sender=viewer,
        recipient=org["tech"],
        value=OrganisationValue.objects.first(),
        message="Merci",
    )
    small = [
        count_queries(client, directory_url),
        count_queries(client, directory_url, {"team": "direction", "skill": "Python"}),
        count_queries(client, team_url),
        count_queries(client, chart_url),
    ]

    for number in range(20):
        member = person(
            team=org["support"],
            manager=org["tech"] if number % 2 else org["dsi"],
            skills=[f"skill-{number}", "Python"],
            languages=["français"],
            location=f"Ville {number}",
        ).profile
        Kudos.objects.create(
            sender=viewer,
            recipient=member,
            value=OrganisationValue.objects.first(),
            message="Merci",
        )
    large = [
        count_queries(client, directory_url),
        count_queries(client, directory_url, {"team": "direction", "skill": "Python"}),
        count_queries(client, team_url),
        count_queries(client, chart_url),
    ]

    assert large == small
    assert max(large) <= 17  # the page, one for the main navigation, one for the unread badge


def test_team_page_shows_parent_chain_leaders_members_and_sub_teams(client, org):
    client.force_login(org["hr"].user)
    person(first_name="Eva", last_name="Evrard", team=org["it"], manager=org["dsi"])

    response = client.get(reverse("people:team", args=["it"]))

    assert [t.name for t in response.context["chain"]] == ["Direction"]
    assert names(response.context["leaders"]) == ["Blanc"]
    assert names(response.context["members"]) == ["Evrard"]
    assert [t.name for t in response.context["sub_teams"]] == ["Support"]
    assert response.context["sub_teams"][0].member_count == 1


def test_team_list_shows_the_tree(client, org):
    client.force_login(org["hr"].user)

    response = client.get(reverse("people:teams"))

    html = response.content.decode()
    assert html.index("Direction") < html.index("Informatique") < html.index("Support")


def test_org_chart_shows_the_manager_chain_and_direct_reports(client, org):
    client.force_login(org["hr"].user)

    response = client.get(reverse("people:org_chart", args=[org["dsi"].user.username]))

    assert names(response.context["chain"]) == ["Arnaud"]
    assert names(response.context["reports"]) == ["Colin"]
    chart = client.get(reverse("people:org_chart", args=[org["tech"].user.username]))
    assert names(chart.context["chain"]) == ["Arnaud", "Blanc"]


def test_org_chart_is_a_tree_of_managers_peers_and_reports_that_one_walks(client, org):
    client.force_login(org["tech"].user)

    response = client.get(reverse("people:org_chart", args=[org["dsi"].user.username]))

    assert names(response.context["peers"]) == ["Dumas"]
    page = response.content.decode()
    html = page[page.index('data-testid="org-chart"') :]
    # Top down: the manager, then the person among their peers, then the person's reports.
    assert html.index("Anne Arnaud") < html.index("Bruno Blanc") < html.index("Chloé Colin")
    assert html.index("Chloé Colin") < html.index("David Dumas")
    assert '<div class="org-node org-node--current" aria-current="true">' in html
    # Every other node walks the chart; the person's own node does not link to itself.
    for other in ("ceo", "tech", "hr"):
        assert f'href="{reverse("people:org_chart", args=[org[other].user.username])}"' in html
    assert f'href="{reverse("people:org_chart", args=[org["dsi"].user.username])}"' not in html


def test_org_chart_shows_a_dozen_peers_and_links_to_the_whole_level(client, org):
    for number in range(13):
        person(first_name="Pair", last_name=f"Pair{number:02}", manager=org["ceo"])
    client.force_login(org["hr"].user)

    response = client.get(reverse("people:org_chart", args=[org["dsi"].user.username]))

    assert len(response.context["peers"]) == 12
    assert "Pair12" not in names(response.context["peers"])
    ceo_chart = reverse("people:org_chart", args=[org["ceo"].user.username])
    assert (
        f'<li class="org-tree__item org-tree__more"><a href="{ceo_chart}">'
        in response.content.decode()
    )
    client.get(reverse("people:org_chart", args=[org["hr"].user.username]))
    few = client.get(reverse("people:org_chart", args=[org["tech"].user.username]))
    assert few.context["more_peers"] is False
    assert "org-tree__more" not in few.content.decode()


def test_the_directory_speaks_french_by_default_and_is_linked_from_the_navigation(client, org):
    client.force_login(org["hr"].user)

    html = client.get(reverse("people:directory")).content.decode()

    assert "Qui connaît…" in html
    assert f'<a href="{reverse("people:directory")}" aria-current="page">Personnes</a>' in html


def test_a_skill_spelt_two_ways_lists_a_person_once(org):
    from taggit.models import Tag

    other = Tag.objects.create(name="python", slug="python-lower")
    org["dsi"].skills.add(other)

    assert names(directory(skill="PYTHON")) == ["Blanc", "Colin"]
    assert names(directory(knows="pyth")) == ["Blanc", "Colin"]
