"""KPIs of the culture objective, computed from kudos and contributions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insights.kpis import measure
from insights.selectors import group_for
from people.models import Kudos, OrganisationValue
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, employees, kudos, value

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi():
    now = timezone.now()

    def measured(code, team=None):
        return measure(code, now - timedelta(days=7), now + timedelta(hours=1), group_for(team))

    return measured


def thank(sender, recipient, for_value="Coopération"):
    return Kudos.objects.create(
        sender=sender, recipient=recipient.profile, value=value(for_value), message="Merci !"
    )


def test_share_of_kudos_given_to_someone_of_another_team(kpi):
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    sellers, helpers = employees(5, team=sales), employees(5, team=support)
    loner = employees(1)[0]  # no team
    for index, seller in enumerate(sellers):
        thank(seller, helpers[index])  # across: 5
    thank(sellers[0], sellers[1])  # within the team
    thank(helpers[0], helpers[1])
    thank(helpers[1], helpers[2])
    thank(sellers[2], loner)  # to someone without a team: not counted
    kudos(sellers[3], helpers[0], when=timezone.now() - timedelta(days=30))  # too old

    result = kpi("kudos_across_teams")
    assert result.value == round(100 * 5 / 8, 1)
    assert result.people == 7  # five sellers and two helpers thanked someone with a team
    by_sales = kpi("kudos_across_teams", sales)
    assert by_sales.value == round(100 * 5 / 6, 1)
    # Two helpers thanked: under the floor, withheld.
    assert kpi("kudos_across_teams", support).value is None


def test_share_of_the_offered_values_that_kudos_recognised(kpi):
    OrganisationValue.objects.update(active=False)  # whatever the installation seeded
    for name in ["Coopération", "Audace", "Respect", "Exigence"]:
        OrganisationValue.objects.update_or_create(name=name, defaults={"active": True})
    OrganisationValue.objects.create(name="Ancienne", active=False)
    people = employees(6)
    for index, someone in enumerate(people[:5]):
        thank(someone, people[5], "Coopération" if index < 3 else "Audace")
    thank(people[5], people[0], "Ancienne")  # no longer offered: not a value to recognise

    result = kpi("values_recognised")
    assert result.value == 50.0  # 2 of the 4 offered values
    assert result.people == 6


def test_breadth_of_participation_counts_teams_of_at_least_the_floor_with_a_contributor(kpi):
    teams = [TeamFactory(name=name) for name in ["Ventes", "Support", "Paie", "Achats"]]
    members = {team.name: employees(5, team=team) for team in teams}
    tiny = TeamFactory(name="Juridique")
    lawyer = employees(2, team=tiny)[0]  # a team under the floor: never counted
    ideas = challenge(phase="open")
    idea(ideas, author=members["Ventes"][0])
    thank(members["Support"][0], members["Ventes"][1])
    idea(ideas, author=members["Paie"][0], anonymous=True)  # anonymous: counts for no team
    idea(ideas, author=lawyer)
    for someone in members["Ventes"][1:4]:
        thank(someone, members["Achats"][0])

    result = kpi("participation_breadth")
    assert result.value == 50.0  # Ventes and Support of the four teams of 5
    assert result.people == 6  # 4 sellers, a helper, the lawyer (named contributions)


def test_breadth_is_withheld_when_fewer_than_the_floor_contributed(kpi):
    team = TeamFactory(name="Ventes")
    sellers = employees(5, team=team)
    thank(sellers[0], sellers[1])

    result = kpi("participation_breadth")
    assert result.value is None
    assert result.people == 1
