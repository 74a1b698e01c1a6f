"""The audience rule, in one place: who may see a challenge."""

from django.contrib.auth.models import Group, Permission

from ideas.selectors import can_view_challenge, challenges_visible_to, users_in_audience
from tests.ideas.factories import TeamFactory, challenge, person


def test_the_audience_reaches_sub_teams_the_owner_and_moderators(db):
    it = TeamFactory(name="IT")
    support = TeamFactory(name="Support", parent=it)
    rh = TeamFactory(name="RH")
    owner = person("owner", team=rh)
    page = challenge(owner=owner, audience=[it])
    member, sub_member, outsider, teamless = (
        person("member", team=it),
        person("sub", team=support),
        person("out", team=rh),
        person("nobody"),
    )
    by_group = person("by-group", team=rh)
    by_group.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    by_permission = person("by-permission")
    by_permission.user_permissions.add(Permission.objects.get(codename="moderate_idea"))
    boss = person("boss")
    boss.is_superuser = True
    boss.save()
    gone = person("gone", team=it)
    gone.is_active = False
    gone.save()
    everyone = [member, sub_member, outsider, teamless, by_group, by_permission, boss, owner, gone]

    allowed = users_in_audience(page, [user.pk for user in everyone])
    one_by_one = {user.pk for user in everyone if can_view_challenge(user, page)}
    listed = {user.pk for user in everyone if challenges_visible_to(user).filter(pk=page.pk)}

    expected = {user.pk for user in (member, sub_member, by_group, by_permission, boss, owner)}
    assert allowed == one_by_one == listed == expected


def test_a_challenge_without_audience_is_for_every_active_employee(db):
    page = challenge()
    employee, gone = person("employee"), person("gone")
    gone.is_active = False
    gone.save()

    assert users_in_audience(page, [employee.pk, gone.pk]) == {employee.pk}
    assert can_view_challenge(employee, page) and not can_view_challenge(gone, page)
