"""Opening an action from what people said: the prefilled link other parts use, the floor,
and who may open one (communicators anywhere, managers for their own teams only)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.test import RequestFactory

from insights.actions.models import Action, ActionFollow
from tests.insights.actions.factories import action, last_monday, manager_of, source
from tests.insights.factories import communicator
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db

NEW = "/insights/actions/new/"


def link(**params) -> str:
    values = {
        "source_kind": "signal",
        "source_key": "parking",
        "source_label": "parking",
        "source_week": last_monday().isoformat(),
        "source_people": "23",
        **params,
    }
    return NEW + "?" + "&".join(f"{name}={value}" for name, value in values.items())


def form_data(**fields) -> dict:
    return {
        "source_kind": "signal",
        "source_key": "parking",
        "source_label": "parking",
        "source_week": last_monday().isoformat(),
        "source_people": "23",
        "title": "Plus de places de parking",
        "description": "Un parking à vélos couvert.",
        "owner": "claire",
        "due_on": (last_monday() + timedelta(days=60)).isoformat(),
        "public": "on",
        **fields,
    }


def test_a_communicator_opens_an_action_from_a_signal_with_its_source_prefilled(client):
    claire = communicator(username="claire")
    owner = person(username="olivier")
    client.force_login(claire)

    page = client.get(link())

    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="parking"' in html
    assert f'value="{last_monday().isoformat()}"' in html
    assert 'value="23"' in html
    response = client.post(NEW, form_data(owner="olivier"))

    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/insights/actions/{action.pk}/"
    assert (action.source_kind, action.source_label, action.source_people) == (
        "signal",
        "parking",
        23,
    )
    assert action.source_week == last_monday()
    assert (action.owner, action.opened_by, action.status) == (owner, claire, "planned")
    # Whoever opened it and its owner follow it.
    assert set(ActionFollow.objects.values_list("user__username", flat=True)) == {
        "claire",
        "olivier",
    }


def test_a_source_under_the_floor_is_refused(client):
    client.force_login(communicator(username="claire"))

    page = client.get(link(source_people="4"))
    response = client.post(NEW, form_data(source_people="4"))

    assert page.status_code == 400
    assert "au moins 5 personnes" in page.content.decode()
    assert response.status_code == 400
    assert "au moins 5 personnes" in response.content.decode()
    assert not Action.objects.exists()


def test_the_service_refuses_a_source_under_the_floor_whoever_calls_it():
    claire = communicator(username="claire")

    with pytest.raises(ValueError):
        action(opener=claire, source=source(people=4))
    assert not Action.objects.exists()


def test_weeks_are_mondays_and_kinds_are_known(client):
    client.force_login(communicator(username="claire"))
    tuesday = (last_monday() + timedelta(days=1)).isoformat()

    assert client.get(link(source_week=tuesday)).status_code == 400
    assert client.get(link(source_kind="gossip")).status_code == 400
    assert client.post(NEW, form_data(source_week=tuesday)).status_code == 400
    assert not Action.objects.exists()


def test_managers_open_actions_for_their_own_teams_only(client):
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    boss = manager_of(sales)
    client.force_login(boss)

    assert client.get(link(team=sales.slug)).status_code == 200
    assert client.get(link(team=support.slug)).status_code == 400
    refused = client.post(NEW, form_data(owner="boss", team=support.slug))
    organisation_wide = client.post(NEW, form_data(owner="boss", team=""))
    assert refused.status_code == organisation_wide.status_code == 400
    assert not Action.objects.exists()

    assert client.post(NEW, form_data(owner="boss", team=sales.slug)).status_code == 302
    assert Action.objects.get().team == sales


def test_employees_who_manage_nobody_may_not_open_actions(client):
    client.force_login(person(username="emma"))

    assert client.get(link()).status_code == 403
    assert client.post(NEW, form_data(owner="emma")).status_code == 403
    assert client.get("/insights/actions/").status_code == 403


def test_an_unknown_owner_is_a_form_error(client):
    client.force_login(communicator(username="claire"))

    response = client.post(NEW, form_data(owner="nobody"))

    assert response.status_code == 400
    assert not Action.objects.exists()


def render_link(user, **params) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template(
        "{% load actions_tags %}{% open_action_link source_kind='signal' source_key='parking' "
        "source_label='parking' source_week=week source_people=23 team=team %}"
    )
    return template.render(Context({"request": request, "week": last_monday(), **params}))


def test_the_link_shows_only_to_who_may_open_the_action():
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    boss = manager_of(sales)

    for_communicator = render_link(communicator(username="claire"), team="")

    assert "/insights/actions/new/?source_kind=signal" in for_communicator
    assert f"source_week={last_monday().isoformat()}" in for_communicator
    assert "source_people=23" in for_communicator
    assert render_link(person(username="emma"), team="") == ""
    assert f"team={sales.slug}" in render_link(boss, team=sales)
    assert render_link(boss, team=support) == ""


def test_communicators_find_action_plans_in_the_admin_reports(client):
    editor = person(username="eddie", is_staff=True, is_superuser=False)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(communicator(username="claire"))
    for_communicator = client.get("/admin/").content.decode()
    client.force_login(editor)
    for_editor = client.get("/admin/").content.decode()

    # The admin's menu is drawn from JSON in the page.
    assert "/insights/actions/" in for_communicator
    assert "/insights/actions/" not in for_editor
