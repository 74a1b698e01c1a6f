"""Polls: readers vote once (no change afterwards), before closing; exact under concurrency;
results shown only after voting or closing, voters never named."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Poll, PollBallot, PollChoice, PollVote, Visibility
from communities.selectors.posts import poll_state
from communities.services.polls import PollSpec, cast_poll_vote, clean_poll
from core.conversations.errors import Conflict, Invalid, NotFound
from tests.communities.factories import community, poll, post
from tests.ideas.concurrency import run_in_threads
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def _choices(made: Poll) -> list[int]:
    return list(made.choices.values_list("pk", flat=True))


def test_a_reader_votes_once_and_cannot_change_the_vote():
    voter = person()
    where = community(visibility=Visibility.OPEN)
    made = poll(post(where))
    yes, no = _choices(made)
    cast_poll_vote(poll=made, user=voter, choice_ids=[yes])
    with pytest.raises(Conflict, match="déjà voté"):
        cast_poll_vote(poll=made, user=voter, choice_ids=[no])
    made.refresh_from_db()
    assert made.ballot_count == 1
    assert dict(PollChoice.objects.values_list("label", "vote_count")) == {"Oui": 1, "Non": 0}


def test_single_choice_refuses_two_answers_and_foreign_answers_are_refused():
    voter = person()
    where = community()
    made = poll(post(where))
    other = poll(post(where))
    with pytest.raises(Invalid):
        cast_poll_vote(poll=made, user=voter, choice_ids=_choices(made))
    with pytest.raises(Invalid):
        cast_poll_vote(poll=made, user=voter, choice_ids=_choices(other)[:1])
    with pytest.raises(Invalid):
        cast_poll_vote(poll=made, user=voter, choice_ids=[])
    assert not PollBallot.objects.exists()


def test_multiple_choice_counts_one_ballot_and_each_answer():
    voter = person()
    made = poll(post(community()), answers=("A", "B", "C"), multiple=True)
    a, b, _c = _choices(made)
    cast_poll_vote(poll=made, user=voter, choice_ids=[a, b])
    made.refresh_from_db()
    assert made.ballot_count == 1 and PollVote.objects.count() == 2


def test_a_closed_poll_refuses_votes_and_shows_its_results():
    voter = person()
    made = poll(post(community()), closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(Conflict, match="clos"):
        cast_poll_vote(poll=made, user=voter, choice_ids=_choices(made)[:1])
    assert poll_state(made, voter).show_results


@pytest.mark.parametrize("visibility", [Visibility.CLOSED, Visibility.SECRET])
def test_non_readers_cannot_vote(visibility):
    made = poll(post(community(visibility=visibility)))
    with pytest.raises(NotFound):
        cast_poll_vote(poll=made, user=person(), choice_ids=_choices(made)[:1])


def test_a_poll_needs_two_to_ten_distinct_answers_and_a_future_closing_date():
    with pytest.raises(Invalid):
        clean_poll(PollSpec("Q ?", ["Oui", "oui"]))
    with pytest.raises(Invalid):
        clean_poll(PollSpec("Q ?", [str(n) for n in range(11)]))
    with pytest.raises(Invalid):
        clean_poll(PollSpec("Q ?", ["A", "B"], closes_at=timezone.now() - timedelta(days=1)))
    assert clean_poll(PollSpec(" Q  ? ", ["A", " B ", ""])).answers == ["A", "B"]


def test_results_are_hidden_until_one_votes_and_never_name_voters(client):
    voter, neighbour = person(first_name="Zoé", last_name="Secrète"), person()
    where = community(members=[voter, neighbour])
    made = poll(post(where), answers=("Pizza", "Sushi"))
    pizza, _sushi = _choices(made)
    cast_poll_vote(poll=made, user=voter, choice_ids=[pizza])
    client.force_login(neighbour)
    page = client.get(made.post.get_absolute_url()).content.decode()
    assert "100 %" not in page and 'name="choice"' in page
    client.post(
        reverse("communities:poll_vote", args=[where.slug, made.post.pk]),
        {"choice": [_choices(made)[1]]},
    )
    page = client.get(made.post.get_absolute_url()).content.decode()
    assert "50 %" in page and 'name="choice"' not in page
    assert "Secrète" not in page


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_voters_and_double_clicks_are_each_counted_once():
    voters = [person() for _ in range(25)]
    made = poll(post(community(visibility=Visibility.OPEN)), answers=("A", "B", "C"))
    choice_ids = _choices(made)

    def vote(index):
        voter = voters[index % 25]  # each voter clicks twice at once
        return cast_poll_vote(poll=made, user=voter, choice_ids=[choice_ids[index % 3]])

    outcomes = run_in_threads(50, vote)
    counted = [o for o in outcomes if isinstance(o, PollBallot)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(counted) == 25 and len(refused) == 25
    made.refresh_from_db()
    assert made.ballot_count == 25 == PollBallot.objects.filter(poll=made).count()
    for choice in made.choices.all():
        assert choice.vote_count == PollVote.objects.filter(choice=choice).count()
    assert sum(made.choices.values_list("vote_count", flat=True)) == 25
