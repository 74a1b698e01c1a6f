"""The audience picker: a tree of team checkboxes, how many people the audience reaches (the
same people the feed addresses the news to), and the preview as an employee of a team."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.access import may_sign_in
from core.guests import is_guest
from news.audience import reach_payload
from news.selectors import news_for_user
from people.selectors import audience_reach
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, guest, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    """Direction > IT > Support, and Marketing beside; people in each, some who cannot read."""
    sections()
    direction = TeamFactory(name="Direction")
    it = TeamFactory(name="IT", parent=direction)
    support = TeamFactory(name="Support", parent=it)
    marketing = TeamFactory(name="Marketing")
    for name, team, count in [("dir", direction, 1), ("it", it, 2), ("sup", support, 3)]:
        for n in range(count):
            person(username=f"{name}{n}", team=team)
    person(username="mkt", team=marketing)
    person(username="left", team=support, deactivated_at=timezone.now())
    person(username="off", team=it, is_active=False)
    guest(username="visitor")
    return {"direction": direction, "it": it, "support": support, "marketing": marketing}


def readers_of(page) -> set[str]:
    """Everyone who may sign in as an employee (guests see no news) and whose home feed
    carries the page (the reading rule of news.selectors)."""
    users = [u for u in get_user_model().objects.all() if may_sign_in(u) and not is_guest(u)]
    return {user.username for user in users if page in news_for_user(user, limit=100)}


def test_the_reach_counts_exactly_those_whose_feed_carries_the_news(org):
    page = publish_news(title="Pour l'IT", audience=[org["it"], org["marketing"]])

    reach = audience_reach([org["it"].pk, org["marketing"].pk])

    assert readers_of(page) == {"it0", "it1", "sup0", "sup1", "sup2", "mkt"}
    assert reach.total == len(readers_of(page)) == 6
    assert [(t.name, t.count) for t in reach.teams] == [("IT", 5), ("Marketing", 1)]


def test_a_team_inside_another_chosen_team_is_counted_once(org):
    reach = audience_reach([org["it"].pk, org["support"].pk])

    assert reach.total == 5
    assert [(t.name, t.count) for t in reach.teams] == [("IT", 5), ("Support", 3)]


def test_no_team_reaches_every_employee_who_may_read(org, english):
    page = publish_news(title="Pour tous")

    payload = reach_payload([])

    # 8: the guest's host counts, the guest does not.
    assert payload["everyone"] and payload["total"] == len(readers_of(page)) == 8
    assert payload["summary"] == "Everyone: reaches 8 people"


def test_the_summary_names_each_team_with_its_count(org, english):
    payload = reach_payload([org["it"].pk, org["marketing"].pk])

    assert payload["summary"] == "Reaches 6 people (IT 5, Marketing 1)"


def test_editors_ask_the_admin_for_the_reach_of_ticked_teams(client, org):
    client.force_login(person(username="elise", groups=["Editors"]))

    response = client.get(
        "/admin/news/audience-reach/", {"team": [org["support"].pk, "x"]}, HTTP_ACCEPT="json"
    )

    assert response.status_code == 200
    assert response.json()["total"] == 3
    assert response.json()["teams"] == [{"id": org["support"].pk, "name": "Support", "count": 3}]


def test_an_employee_may_not_ask_for_the_reach(client, org):
    client.force_login(person(username="reader", team=org["it"]))

    response = client.get("/admin/news/audience-reach/", {"team": org["it"].pk})

    assert response.status_code in (302, 403)
    assert response.headers.get("Content-Type") != "application/json"


def test_the_editor_shows_the_team_tree_and_the_saved_audiences_reach_without_js(
    admin_client, org, english
):
    page = publish_news(title="Pour le support", audience=[org["support"]])

    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert "Atteint 3 personnes (Support 3)" in html
    tree = html[html.index('<fieldset class="audience-tree"') :]
    tree = tree[: tree.index("</fieldset>")]
    boxes = tree.count('type="checkbox"')
    assert boxes == 4 and tree.count(" checked") == 1
    # Nested lists: the top one (Direction, Marketing), Direction's (IT), IT's (Support).
    assert tree.count("<ul") == 3
    assert tree.index("Direction") < tree.index("IT") < tree.index("Support")


def test_the_preview_as_an_employee_of_a_team_says_whether_it_is_reached(admin_client, org):
    page = publish_news(title="Pour l'IT", audience=[org["it"]])

    inside = admin_client.get(
        f"/admin/pages/{page.pk}/view_draft/", {"mode": f"team-{org['support'].pk}"}
    ).content.decode()
    outside = admin_client.get(
        f"/admin/pages/{page.pk}/view_draft/", {"mode": f"team-{org['marketing'].pk}"}
    ).content.decode()
    plain = admin_client.get(f"/admin/pages/{page.pk}/view_draft/").content.decode()

    assert 'data-audience-preview="reached"' in inside
    assert 'data-audience-preview="outside"' in outside and "Marketing" in outside
    assert "data-audience-preview" not in plain
    modes = [mode for mode, _label in page.specific.preview_modes]
    assert modes[0] == "" and f"team-{org['marketing'].pk}" in modes
