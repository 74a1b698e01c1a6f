"""Votes: one per person and idea, within the budget, in the voting phase, counts exact."""

import pytest
from django.db import IntegrityError
from django.db.models import Count

from ideas.models import Idea, Vote
from ideas.services import Conflict, NotAllowed, NotFound, cast_vote, withdraw_vote
from tests.ideas.concurrency import run_in_threads
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, person


@pytest.fixture
def voter(db):
    return person(username="voter")


def test_a_vote_counts_once_and_a_second_one_is_refused(voter):
    target = idea(challenge(phase="voting"))

    cast_vote(user=voter, idea=target)
    with pytest.raises(Conflict, match="already support"):
        cast_vote(user=voter, idea=target)

    target.refresh_from_db()
    assert target.vote_count == 1
    assert Vote.objects.filter(idea=target).count() == 1


def test_the_database_itself_refuses_a_second_vote(voter):
    target = idea(challenge(phase="voting"))
    Vote.objects.create(idea=target, user=voter, challenge=target.challenge)

    with pytest.raises(IntegrityError):
        Vote.objects.create(idea=target, user=voter, challenge=target.challenge)


@pytest.mark.parametrize("phase", ["upcoming", "submission", "review", "closed"])
def test_no_vote_outside_the_voting_phase(voter, phase):
    target = idea(challenge(phase=phase))

    with pytest.raises(Conflict, match="Voting is not open"):
        cast_vote(user=voter, idea=target)

    assert not Vote.objects.exists()


def test_a_challenge_without_a_voting_date_takes_votes_while_ideas_come_in(voter):
    open_challenge = challenge(phase="open")
    assert open_challenge.accepts_ideas() and open_challenge.accepts_votes()

    cast_vote(user=voter, idea=idea(open_challenge))

    assert Vote.objects.count() == 1


def test_the_budget_limits_how_many_ideas_one_person_supports(voter):
    campaign = challenge(phase="voting", votes_per_person=2)
    first, second, third = (idea(campaign, title=f"Idée {n}") for n in range(3))

    cast_vote(user=voter, idea=first)
    cast_vote(user=voter, idea=second)
    with pytest.raises(Conflict, match="used all your votes"):
        cast_vote(user=voter, idea=third)

    withdraw_vote(user=voter, idea=first)
    cast_vote(user=voter, idea=third)
    assert set(Vote.objects.values_list("idea__title", flat=True)) == {"Idée 1", "Idée 2"}


def test_a_vote_is_taken_back_only_when_the_challenge_allows_it(voter):
    allowed = idea(challenge(phase="voting"))
    final = idea(challenge(phase="voting", title="Final", votes_can_be_withdrawn=False))
    cast_vote(user=voter, idea=allowed)
    cast_vote(user=voter, idea=final)

    assert withdraw_vote(user=voter, idea=allowed).vote_count == 0
    with pytest.raises(NotAllowed):
        withdraw_vote(user=voter, idea=final)
    with pytest.raises(Conflict, match="do not support"):
        withdraw_vote(user=voter, idea=allowed)
    final.refresh_from_db()
    assert final.vote_count == 1


def test_a_vote_cannot_be_taken_back_once_voting_is_over(voter):
    campaign = challenge(phase="voting")
    target = idea(campaign)
    cast_vote(user=voter, idea=target)
    campaign.review_opens_at = (
        campaign.voting_opens_at + (campaign.voting_opens_at - campaign.opens_at) / 100
    )
    campaign.save()
    target.refresh_from_db()

    with pytest.raises(Conflict, match="Voting is not open"):
        withdraw_vote(user=voter, idea=target)


def test_people_outside_the_audience_cannot_vote(db):
    it, rh = TeamFactory(name="IT"), TeamFactory(name="RH")
    target = idea(challenge(phase="voting", audience=[it]))
    outsider = person(username="outsider", team=rh)

    with pytest.raises(NotFound):
        cast_vote(user=outsider, idea=target)


def test_hidden_and_merged_ideas_take_no_votes(voter):
    from django.utils import timezone

    campaign = challenge(phase="voting")
    kept = idea(campaign, title="Gardée")
    hidden = idea(campaign, title="Cachée", hidden_at=timezone.now())
    merged = idea(campaign, title="Fusionnée", merged_into=kept)

    for target in (hidden, merged):
        with pytest.raises(Conflict, match="no longer takes votes"):
            cast_vote(user=voter, idea=target)


@pytest.mark.parametrize("status", ["selected", "implemented", "rejected"])
def test_an_idea_the_owner_has_decided_on_takes_no_more_support(voter, status):
    target = idea(challenge(phase="voting"), status=status)

    with pytest.raises(Conflict, match="has answered this idea"):
        cast_vote(user=voter, idea=target)

    target.refresh_from_db()
    assert target.vote_count == 0
    assert not Vote.objects.filter(idea=target).exists()


def test_an_idea_under_review_still_takes_support(voter):
    target = idea(challenge(phase="voting"), status="under_review")

    cast_vote(user=voter, idea=target)

    target.refresh_from_db()
    assert target.vote_count == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_votes_by_one_person_count_once():
    target = idea(challenge(phase="voting"))
    voter = person(username="hasty")

    outcomes = run_in_threads(
        12, lambda n: cast_vote(user=voter, idea=Idea.objects.get(pk=target.pk))
    )

    assert sum(isinstance(outcome, Idea) for outcome in outcomes) == 1
    assert all(isinstance(o, Idea | Conflict) for o in outcomes), outcomes
    target.refresh_from_db()
    assert target.vote_count == 1 == Vote.objects.filter(idea=target).count()


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_never_exceed_the_budget():
    campaign = challenge(phase="voting", votes_per_person=3)
    ideas = [idea(campaign, title=f"Idée {n}") for n in range(10)]
    voter = person(username="greedy")

    outcomes = run_in_threads(
        10, lambda n: cast_vote(user=voter, idea=Idea.objects.get(pk=ideas[n].pk))
    )

    assert sum(isinstance(outcome, Idea) for outcome in outcomes) == 3
    assert Vote.objects.filter(user=voter).count() == 3
    assert sum(Idea.objects.values_list("vote_count", flat=True)) == 3


@pytest.mark.django_db(transaction=True)
def test_many_voters_on_many_ideas_keep_exact_counts():
    campaign = challenge(phase="voting", votes_per_person=2)
    ideas = [idea(campaign, title=f"Idée {n}") for n in range(3)]
    voters = [person(username=f"voter{n}") for n in range(8)]

    def work(n):
        voter = voters[n % len(voters)]
        return cast_vote(user=voter, idea=Idea.objects.get(pk=ideas[n % 3].pk))

    run_in_threads(24, work)

    counted = dict(Vote.objects.values_list("idea_id").annotate(n=Count("pk")))
    for target in Idea.objects.all():
        assert target.vote_count == counted.get(target.pk, 0)
    per_voter = Vote.objects.values("user_id").annotate(n=Count("pk"))
    assert all(row["n"] <= 2 for row in per_voter)


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_and_take_backs_leave_the_count_exact():
    target = idea(challenge(phase="voting"))
    voters = [person(username=f"fickle{n}") for n in range(6)]
    for voter in voters[:3]:
        cast_vote(user=voter, idea=target)

    def work(n):
        voter = voters[n % 6]
        fresh = Idea.objects.get(pk=target.pk)
        if n % 6 < 3:
            return withdraw_vote(user=voter, idea=fresh)
        return cast_vote(user=voter, idea=fresh)

    run_in_threads(12, work)

    target.refresh_from_db()
    assert target.vote_count == Vote.objects.filter(idea=target).count() == 3
