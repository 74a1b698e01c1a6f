"""The audience rule, in one place: who may see a challenge."""

from django.contrib.auth.models import Permission

from ideas.selectors import can_view_challenge, challenges_visible_to, users_in_audience
from tests.ideas.factories import challenge
from tests.people.factories import TeamFactory, person


def test_the_audience_reaches_sub_teams_the_owner_and_moderators(db):
    it = TeamFactory(name="IT")
    support = TeamFactory(name="Support", parent=it)
    rh = TeamFactory(name="RH")
    owner = person(username="owner", team=rh)
    page = challenge(owner=owner, audience=[it])
    member, sub_member, outsider, teamless = (
        person(username="member", team=it),
        person(username="sub", team=support),
        person(username="out", team=rh),
        person(username="nobody"),
    )
    by_group = person(username="by-group", team=rh, groups=["Moderators"])
    by_permission = person(username="by-permission")
    by_permission.user_permissions.add(Permission.objects.get(codename="moderate_idea"))
    boss = person(username="boss", is_superuser=True)
    gone = person(username="gone", team=it, is_active=False)
    everyone = [member, sub_member, outsider, teamless, by_group, by_permission, boss, owner, gone]

    allowed = users_in_audience(page, [user.pk for user in everyone])
    one_by_one = {user.pk for user in everyone if can_view_challenge(user, page)}
    listed = {user.pk for user in everyone if challenges_visible_to(user).filter(pk=page.pk)}

    expected = {user.pk for user in (member, sub_member, by_group, by_permission, boss, owner)}
    assert allowed == one_by_one == listed == expected


def test_a_challenge_without_audience_is_for_every_active_employee(db):
    page = challenge()
    employee, gone = person(username="employee"), person(username="gone")
    gone.is_active = False
    gone.save()

    assert users_in_audience(page, [employee.pk, gone.pk]) == {employee.pk}
    assert can_view_challenge(employee, page) and not can_view_challenge(gone, page)
