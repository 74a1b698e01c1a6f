"""The demo's guided start: a demo account's home page offers the few things its role should
try, until the account hides the panel; nobody else ever sees it."""

import pytest
from django.urls import NoReverseMatch

from intranet.demo import tour
from intranet.models import DemoGuide
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]


@pytest.fixture
def guide_on(settings):
    settings.DEMO_GUIDE = True


def home_html(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


@pytest.mark.usefixtures("guide_on")
def test_a_demo_manager_sees_the_steps_of_the_role_until_hiding_the_panel(client):
    manager = person(username="mathilde")
    tour.enrol(manager, "manager")

    html = home_html(client, manager)
    assert 'data-testid="demo-tour"' in html
    assert "/insights/teams/" in html  # the team dashboard, the manager's first step
    assert "/people/mathilde/org-chart/" in html

    response = client.post("/demo/tour/dismiss/")
    assert response.status_code == 302
    assert 'data-testid="demo-tour"' not in home_html(client, manager)
    tour.enrol(manager, "manager")  # a second load_demo keeps it hidden
    assert 'data-testid="demo-tour"' not in home_html(client, manager)


@pytest.mark.usefixtures("guide_on")
def test_an_account_load_demo_did_not_enrol_never_sees_the_panel(client):
    employee = person()
    assert 'data-testid="demo-tour"' not in home_html(client, employee)
    assert client.post("/demo/tour/dismiss/").status_code == 302
    assert not DemoGuide.objects.exists()


def test_the_panel_stays_off_where_the_demo_guide_is_off(client):
    employee = person()
    tour.enrol(employee, "employee")
    assert 'data-testid="demo-tour"' not in home_html(client, employee)


def test_a_guest_expert_gets_only_the_printed_line_and_no_panel(settings):
    settings.DEMO_GUIDE = True
    guest = person()
    tour.enrol(guest, "guest expert")
    assert tour.tour_for(guest) is None
    assert tour.TOURS["guest expert"].summary


def test_every_step_of_every_role_leads_somewhere():
    reader = person(username="camille")
    for role, role_tour in tour.TOURS.items():
        for step in role_tour.steps:
            try:
                href = step.href(reader)
            except NoReverseMatch as error:  # pragma: no cover - the failure message
                pytest.fail(f"{role}: {step.title} has no address ({error})")
            assert href.startswith(("/", "#"))


def test_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="No demo tour"):
        tour.enrol(person(), "astronaut")
