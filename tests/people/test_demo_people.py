"""The demo organisation attaches to the demo accounts created by `load_demo`."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from people.models import Profile, Team
from tests.intranet.factories import home_page

pytestmark = pytest.mark.django_db


def load_demo():
    out, err = StringIO(), StringIO()
    call_command("load_demo", "--allow-production", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_demo_people_are_the_demo_accounts_and_loading_twice_changes_nothing():
    home_page()
    out, err = load_demo()

    assert "demo person: 25 created, 0 updated, 0 failed" in out
    assert "demo team: 5 created, 0 updated, 0 failed" in out
    assert "people.jsonl" not in err
    camille = Profile.objects.get(user__username="camille")
    assert camille.manager.user.username == "mathilde"
    assert camille.team.name == "Support informatique"
    assert camille.team.parent.name == "Informatique"
    assert camille.user.check_password("ruche-demo")
    assert Profile.objects.get(user__username="admin").user.is_superuser
    # 25 employees, and the demo's one guest expert (a community's outside expert)
    assert User.objects.filter(profile__is_guest=False).count() == 25
    assert User.objects.filter(profile__is_guest=True).count() == 1

    out, _ = load_demo()

    assert "demo person: 0 created, 25 updated, 0 failed" in out
    assert User.objects.count() == 26 and Team.objects.count() == 5
