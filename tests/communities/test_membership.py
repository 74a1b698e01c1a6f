"""Joining, asking, leaving and running a community's members: open communities take
members at once, closed ones through a request an animator answers, secret ones only by an
animator's hand; a community always keeps an animator; every write happens once."""

from __future__ import annotations

import pytest

from communities.models import JoinRequest, Membership, Role, Visibility
from communities.services.membership import (
    add_member,
    decide_join_request,
    join_community,
    leave_community,
    remove_member,
    set_role,
    withdraw_join_request,
)
from communities.signals import member_joined
from core.conversations.errors import Conflict, NotAllowed, NotFound
from core.models import OutboxTask
from core.outbox import run_stored_task
from notifications.models import Notification
from notifications.targets import visible_target_ids
from tests.communities.factories import community, join_request
from tests.ideas.concurrency import run_in_threads
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOTICE_TASK = "communities.membership_tasks.deliver_membership_notice"


def run_notice_tasks() -> None:
    for row in OutboxTask.objects.filter(task_path=NOTICE_TASK, finished_at__isnull=True):
        assert run_stored_task(row.pk) == "done", row.last_error


@pytest.fixture
def joined():
    """Who `member_joined` announced, in order."""
    heard = []

    def receiver(sender, community, user, **kwargs):
        heard.append((community.pk, user.pk))

    member_joined.connect(receiver, weak=False)
    yield heard
    member_joined.disconnect(receiver)


def test_an_employee_joins_an_open_community_at_once_and_it_is_announced_after_commit(
    joined, django_capture_on_commit_callbacks
):
    employee = person()
    open_one = community(visibility=Visibility.OPEN)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = join_community(user=employee, community=open_one)

    assert outcome.status == "joined"
    assert outcome.membership.role == Role.MEMBER
    assert joined == [(open_one.pk, employee.pk)]


def test_joining_twice_keeps_one_membership_and_one_announcement(
    joined, django_capture_on_commit_callbacks
):
    employee = person()
    open_one = community()

    with django_capture_on_commit_callbacks(execute=True):
        join_community(user=employee, community=open_one)
        again = join_community(user=employee, community=open_one)

    assert again.status == "already"
    assert Membership.objects.filter(community=open_one, user=employee).count() == 1
    assert len(joined) == 1


def test_asking_to_join_a_closed_community_makes_one_pending_request():
    employee = person()
    closed = community(visibility=Visibility.CLOSED, animators=[person()])

    first = join_community(user=employee, community=closed, message="Je suis du métier")
    second = join_community(user=employee, community=closed)

    assert (first.status, second.status) == ("requested", "pending")
    assert JoinRequest.objects.get(community=closed, user=employee).message == "Je suis du métier"
    assert not Membership.objects.filter(community=closed, user=employee).exists()


def test_the_asker_may_withdraw_a_pending_request():
    employee = person()
    closed = community(visibility=Visibility.CLOSED)
    join_community(user=employee, community=closed)

    assert withdraw_join_request(user=employee, community=closed) == 1
    assert not JoinRequest.objects.filter(community=closed).exists()


def test_nobody_joins_a_secret_community_by_themselves_nor_learns_it_exists():
    employee, admin = person(), person(is_superuser=True)
    secret = community(visibility=Visibility.SECRET)

    with pytest.raises(NotFound):
        join_community(user=employee, community=secret)
    with pytest.raises(NotAllowed):
        join_community(user=admin, community=secret)
    assert not Membership.objects.filter(community=secret).exists()


def test_an_accepted_request_makes_a_member_who_is_told_and_announced(
    joined, django_capture_on_commit_callbacks
):
    animator, asker = person(), person(username="asker")
    closed = community(name="Jardin", visibility=Visibility.CLOSED, animators=[animator])
    asked = join_request(closed, asker)

    with django_capture_on_commit_callbacks(execute=True):
        decided = decide_join_request(user=animator, join_request=asked, accept=True)
    run_notice_tasks()
    run_notice_tasks()  # a re-run tells nobody twice

    assert decided.accepted is True and decided.decided_by == animator
    assert Membership.objects.filter(community=closed, user=asker, role=Role.MEMBER).exists()
    assert joined == [(closed.pk, asker.pk)]
    notice = Notification.objects.get(recipient=asker)
    assert "Jardin" in notice.message and "acceptée" in notice.message
    assert notice.url == f"{closed.get_absolute_url()}?welcome=1"


def test_a_refused_request_is_told_in_neutral_words_naming_no_animator():
    animator = person(first_name="Hélène", last_name="Martin")
    asker = person()
    closed = community(name="Jardin", visibility=Visibility.CLOSED, animators=[animator])

    decide_join_request(user=animator, join_request=join_request(closed, asker), accept=False)
    run_notice_tasks()

    assert not Membership.objects.filter(community=closed, user=asker).exists()
    notice = Notification.objects.get(recipient=asker)
    assert notice.message == "Votre demande pour rejoindre « Jardin » n’a pas été acceptée."
    assert "Hélène" not in notice.message and "Martin" not in notice.message


def test_a_request_is_answered_once_and_by_an_animator_only():
    animator, member, asker = person(), person(), person()
    closed = community(visibility=Visibility.CLOSED, animators=[animator], members=[member])
    asked = join_request(closed, asker)

    with pytest.raises(NotAllowed):
        decide_join_request(user=member, join_request=asked, accept=True)
    decide_join_request(user=animator, join_request=asked, accept=False)
    with pytest.raises(Conflict):
        decide_join_request(user=animator, join_request=asked, accept=True)
    assert not Membership.objects.filter(community=closed, user=asker).exists()


def test_after_a_refusal_the_person_may_ask_again():
    animator, asker = person(), person()
    closed = community(visibility=Visibility.CLOSED, animators=[animator])
    decide_join_request(user=animator, join_request=join_request(closed, asker), accept=False)

    assert join_community(user=asker, community=closed).status == "requested"


def test_the_last_animator_cannot_leave_but_may_once_another_is_named():
    animator, member = person(), person()
    team = community(animators=[animator], members=[member])

    with pytest.raises(Conflict, match="last animator"):
        leave_community(user=animator, community=team)
    set_role(user=animator, community=team, person=member, role=Role.ANIMATOR)
    leave_community(user=animator, community=team)

    assert list(team.memberships.values_list("user_id", "role")) == [(member.pk, Role.ANIMATOR)]


def test_a_member_leaves_and_leaving_twice_is_refused():
    member = person()
    team = community(animators=[person()], members=[member])

    leave_community(user=member, community=team)
    with pytest.raises(Conflict):
        leave_community(user=member, community=team)


def test_animators_promote_demote_and_remove_but_never_the_last_animator():
    animator, member = person(), person()
    team = community(animators=[animator], members=[member])

    with pytest.raises(NotAllowed):
        set_role(user=member, community=team, person=member, role=Role.ANIMATOR)
    with pytest.raises(Conflict):
        set_role(user=animator, community=team, person=animator, role=Role.MEMBER)
    with pytest.raises(Conflict):
        remove_member(user=animator, community=team, person=animator)
    with pytest.raises(NotAllowed):
        remove_member(user=member, community=team, person=animator)
    remove_member(user=animator, community=team, person=member)

    assert list(team.memberships.values_list("user_id", flat=True)) == [animator.pk]


def test_an_animator_adds_a_colleague_to_a_secret_community_and_they_are_told():
    animator, colleague = person(), person()
    secret = community(name="Projet X", visibility=Visibility.SECRET, animators=[animator])

    add_member(user=animator, community=secret, person=colleague)
    add_member(user=animator, community=secret, person=colleague)  # once is enough
    run_notice_tasks()

    assert secret.memberships.filter(user=colleague, role=Role.MEMBER).count() == 1
    assert Notification.objects.filter(recipient=colleague).count() == 1


def test_adding_someone_who_had_asked_answers_their_request():
    animator, asker = person(), person()
    closed = community(visibility=Visibility.CLOSED, animators=[animator])
    asked = join_request(closed, asker)

    add_member(user=animator, community=closed, person=asker)

    asked.refresh_from_db()
    assert asked.accepted is True and asked.decided_at is not None


def test_an_administrator_runs_any_community():
    admin, member = person(is_superuser=True), person()
    secret = community(visibility=Visibility.SECRET, animators=[person()], members=[member])

    set_role(user=admin, community=secret, person=member, role=Role.ANIMATOR)

    assert secret.memberships.get(user=member).role == Role.ANIMATOR


@pytest.mark.django_db(transaction=True)
def test_two_joins_at_the_same_instant_make_one_membership_and_one_announcement(joined):
    employee = person()
    open_one = community()

    outcomes = run_in_threads(
        2, lambda _n: join_community(user=employee, community=open_one).status
    )

    assert sorted(outcomes) == ["already", "joined"], outcomes
    assert Membership.objects.filter(community=open_one, user=employee).count() == 1
    assert len(joined) == 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_the_same_instant_store_one():
    employee = person()
    closed = community(visibility=Visibility.CLOSED)

    outcomes = run_in_threads(2, lambda _n: join_community(user=employee, community=closed).status)

    assert sorted(outcomes) == ["pending", "requested"], outcomes
    assert JoinRequest.objects.filter(community=closed, user=employee).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_animators_leaving_at_the_same_instant_cannot_both_go():
    first, second = person(), person()
    team = community(animators=[first, second])

    outcomes = run_in_threads(2, lambda n: leave_community(user=(first, second)[n], community=team))

    assert sum(isinstance(outcome, Conflict) for outcome in outcomes) == 1, outcomes
    assert team.memberships.filter(role=Role.ANIMATOR).count() == 1


def test_a_notice_about_a_secret_community_hides_once_its_reader_is_removed():
    animator, colleague = person(), person()
    secret = community(visibility=Visibility.SECRET, animators=[animator])
    add_member(user=animator, community=secret, person=colleague)
    run_notice_tasks()
    notice = Notification.objects.get(recipient=colleague)

    assert visible_target_ids(colleague, notice.target_kind, [notice.target_id]) == {secret.pk}
    remove_member(user=animator, community=secret, person=colleague)
    colleague = type(colleague).objects.get(pk=colleague.pk)  # a new request, a fresh cache
    assert visible_target_ids(colleague, notice.target_kind, [notice.target_id]) == set()
