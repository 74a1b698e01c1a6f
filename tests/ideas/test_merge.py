"""Merging duplicates: votes carried over without double counting, authors credited."""

import pytest
from django.db.models import Count

from ideas.models import CoAuthorInvitation, Follow, Idea, Vote
from ideas.selectors import leaderboard
from ideas.services import (
    Conflict,
    Invalid,
    NotAllowed,
    cast_vote,
    merge_ideas,
    withdraw_vote,
)
from tests.ideas.concurrency import run_in_threads
from tests.ideas.factories import challenge, idea
from tests.people.factories import person


def test_votes_move_to_the_target_and_nobody_counts_twice(owner):
    campaign = challenge(owner=owner, phase="voting", votes_per_person=3)
    target, first, second = (idea(campaign, title=t) for t in ("Cible", "Doublon 1", "Doublon 2"))
    both, only_first, only_target = (
        person(username="both"),
        person(username="first"),
        person(username="target"),
    )
    for voter, ideas in (
        (both, [target, first, second]),
        (only_first, [first]),
        (only_target, [target]),
    ):
        for one in ideas:
            cast_vote(user=voter, idea=one)

    merge_ideas(user=owner, target=target, sources=[first, second])

    target.refresh_from_db()
    assert target.vote_count == 3
    assert set(Vote.objects.filter(idea=target).values_list("user__username", flat=True)) == {
        "both",
        "first",
        "target",
    }
    assert Vote.objects.count() == 3
    for duplicate in (first, second):
        duplicate.refresh_from_db()
        assert duplicate.merged_into == target and duplicate.vote_count == 0
    # The person who supported all three has two votes back in their budget.
    cast_vote(user=both, idea=idea(campaign, title="Autre"))


def test_authors_are_invited_to_co_author_and_followers_follow_the_result(owner):
    campaign = challenge(owner=owner, phase="open", allow_anonymous_ideas=True)
    target = idea(campaign, author=person(username="t"))
    named = idea(campaign, author=person(username="named"))
    named.co_authors.add(person(username="helper"))
    secret = idea(campaign, author=person(username="secret"), anonymous=True)
    Follow.objects.create(user=person(username="fan"), idea=named)

    merge_ideas(user=owner, target=target, sources=[named, secret])

    invited = CoAuthorInvitation.objects.filter(idea=target, status="pending")
    assert set(invited.values_list("person__username", flat=True)) == {"named", "helper"}
    assert not target.co_authors.exists()  # named once they accept
    assert Follow.objects.filter(idea=target, user__username="fan").exists()
    assert list(target.merged_ideas.order_by("pk")) == [named, secret]


def test_only_the_owner_merges_ideas_of_one_challenge(owner):
    campaign = challenge(owner=owner, phase="open")
    target, other = idea(campaign), idea(campaign, title="Autre")
    elsewhere = idea(challenge(owner=owner, title="Ailleurs", phase="open"))

    with pytest.raises(NotAllowed):
        merge_ideas(user=person(username="x"), target=target, sources=[other])
    with pytest.raises(Invalid):
        merge_ideas(user=owner, target=target, sources=[elsewhere])
    with pytest.raises(Invalid):
        merge_ideas(user=owner, target=target, sources=[target])
    merge_ideas(user=owner, target=target, sources=[other])
    with pytest.raises(Conflict):
        merge_ideas(user=owner, target=target, sources=[other])


def test_the_merge_page_is_for_the_owner(client, owner):
    campaign = challenge(owner=owner, phase="open")
    target, duplicate = idea(campaign), idea(campaign, title="Doublon")

    client.force_login(person(username="x"))
    assert client.get(f"/ideas/{target.pk}/merge/").status_code == 404
    client.force_login(owner)
    assert client.get(f"/ideas/{target.pk}/merge/").status_code == 200
    response = client.post(f"/ideas/{target.pk}/merge/", {"sources": [duplicate.pk]})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target


@pytest.mark.django_db(transaction=True)
def test_counts_stay_exact_when_votes_race_a_merge():
    owner = person(username="owner")
    campaign = challenge(owner=owner, phase="voting")
    target, first, second = (idea(campaign, title=t) for t in ("Cible", "Un", "Deux"))
    voters = [person(username=f"racer{n}") for n in range(12)]
    for voter in voters[:4]:
        cast_vote(user=voter, idea=first)

    def work(n):
        if n == 0:
            return merge_ideas(
                user=owner,
                target=Idea.objects.get(pk=target.pk),
                sources=list(Idea.objects.filter(pk__in=[first.pk, second.pk])),
            )
        voter = voters[n % 12]
        chosen = [target, first, second][n % 3]
        if n % 5 == 0:
            return withdraw_vote(user=voter, idea=Idea.objects.get(pk=chosen.pk))
        return cast_vote(user=voter, idea=Idea.objects.get(pk=chosen.pk))

    outcomes = run_in_threads(24, work)

    assert isinstance(outcomes[0], Idea), outcomes[0]
    counted = dict(Vote.objects.values_list("idea_id").annotate(n=Count("pk")))
    for one in Idea.objects.all():
        assert one.vote_count == counted.get(one.pk, 0), one.title
    assert not Vote.objects.filter(idea__merged_into__isnull=False).exists()
    per_person = Vote.objects.values("user_id", "idea_id").annotate(n=Count("pk"))
    assert all(row["n"] == 1 for row in per_person)


def test_merging_an_anonymous_idea_never_names_its_author_or_co_authors(client, owner):
    campaign = challenge(owner=owner, phase="open", allow_anonymous_ideas=True)
    target = idea(campaign, author=person(username="t"), status="implemented")
    secret = idea(campaign, author=person(username="secret"), anonymous=True)
    helper = person(username="helper")
    helper.first_name, helper.last_name = "Hélène", "Discrète"
    helper.save()
    secret.co_authors.add(helper)

    merge_ideas(user=owner, target=target, sources=[secret])

    assert not target.co_authors.exists()
    board = [row["user"].username for row in leaderboard(owner, campaign)]
    assert board == ["t"]
    client.force_login(person(username="reader"))
    page = client.get(f"/ideas/{target.pk}/").content.decode()
    assert "Discrète" not in page and "secret" not in page
    api = client.get(f"/api/ideas/{target.pk}/").content.decode()
    assert "Discrète" not in api and "helper" not in api
