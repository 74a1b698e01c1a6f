"""The demo holds three communities (open, closed, secret), posts, a question with its
accepted answer, a poll with votes, an event with its report and a guest expert."""

from io import StringIO

import pytest
from django.core.management import call_command

from agenda.models import Event
from communities.models import Community, Membership, Poll, Post, Visibility
from tests.intranet.factories import home_page

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    err = StringIO()
    call_command("load_demo", "--allow-production", stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_the_demo_communities_load_and_reload_cleanly():
    home_page()
    assert load_demo() == ""
    assert load_demo() == ""

    assert sorted(Community.objects.values_list("visibility", flat=True)) == sorted(
        [Visibility.OPEN, Visibility.CLOSED, Visibility.SECRET]
    )
    parking = Post.objects.get(title="Où garer son vélo au siège ?")
    assert parking.kind == "question" and "niveau -1" in parking.accepted_answer.body
    poll = Poll.objects.get()
    assert poll.ballot_count == 3 and poll.choices.count() == 3
    meetup = Event.objects.get(title__startswith="Midi data")
    assert meetup.reported_at is not None and "modèle commun" in meetup.report
    guest = Membership.objects.get(user__username="ines")
    assert guest.user.profile.is_guest and guest.community.name == "Data et IA"
    assert Membership.objects.filter(user__username="ines").count() == 1
