"""Answering an event: a place while there is one, then the waiting list, first come first
served; a place given back goes to the first one waiting; exact under concurrency."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from agenda.models import RSVP, Event, RSVPStatus
from agenda.selectors.events import waitlist_position
from agenda.services.events import EventDetails, update_event
from agenda.services.rsvp import cancel_rsvp, rsvp
from communities.models import Visibility
from core.conversations.errors import Conflict, NotFound
from core.models import OutboxTask
from tests.communities.factories import community, event
from tests.ideas.concurrency import run_in_threads
from tests.people.factories import person

pytestmark = pytest.mark.usefixtures("english")


def counters_match_rows(target: Event) -> tuple[int, int]:
    target.refresh_from_db()
    rows = RSVP.objects.filter(event=target)
    assert target.going_count == rows.filter(status=RSVPStatus.GOING).count()
    assert target.waitlist_count == rows.filter(status=RSVPStatus.WAITLIST).count()
    return target.going_count, target.waitlist_count


def details_of(target: Event, **changes) -> EventDetails:
    fields = {
        "title": target.title,
        "starts_at": target.starts_at,
        "ends_at": target.ends_at,
        "mode": target.mode,
        "place": target.place or "Salle 1",
        "online_url": target.online_url,
        "capacity": target.capacity,
        "description": target.description,
    }
    fields.update(changes)
    return EventDetails(**fields)


@pytest.mark.django_db
def test_people_go_while_places_last_then_wait_in_the_order_they_came():
    workshop = event(community(), capacity=2)
    first, second, third, fourth = (person() for _ in range(4))

    answers = [rsvp(event=workshop, user=user) for user in (first, second, third, fourth)]

    assert [answer.status for answer in answers] == ["going", "going", "waitlist", "waitlist"]
    assert [waitlist_position(answer) for answer in answers[2:]] == [1, 2]
    assert counters_match_rows(workshop) == (2, 2)


@pytest.mark.django_db
def test_answering_twice_keeps_one_answer():
    workshop = event(community(), capacity=5)
    someone = person()

    assert rsvp(event=workshop, user=someone).pk == rsvp(event=workshop, user=someone).pk
    assert counters_match_rows(workshop) == (1, 0)


@pytest.mark.django_db
def test_the_database_refuses_a_second_answer_of_the_same_person():
    workshop = event(community())
    someone = person()
    RSVP.objects.create(event=workshop, user=someone, status=RSVPStatus.GOING)

    with pytest.raises(IntegrityError), transaction.atomic():
        RSVP.objects.create(event=workshop, user=someone, status=RSVPStatus.WAITLIST)


@pytest.mark.django_db
def test_an_event_without_capacity_has_no_waiting_list():
    workshop = event(community())
    for _ in range(5):
        assert rsvp(event=workshop, user=person()).status == RSVPStatus.GOING
    assert counters_match_rows(workshop) == (5, 0)


@pytest.mark.django_db
def test_giving_a_place_back_lets_the_first_one_waiting_in_and_tells_them():
    workshop = event(community(), capacity=1)
    holder, first_waiting, second_waiting = person(), person(), person()
    for user in (holder, first_waiting, second_waiting):
        rsvp(event=workshop, user=user)
    OutboxTask.objects.all().delete()

    promoted = cancel_rsvp(event=workshop, user=holder)

    assert promoted is not None and promoted.user == first_waiting
    assert RSVP.objects.get(user=first_waiting).status == RSVPStatus.GOING
    assert waitlist_position(RSVP.objects.get(user=second_waiting)) == 1
    assert counters_match_rows(workshop) == (1, 1)
    told = OutboxTask.objects.filter(task_path="agenda.tasks.confirm_place")
    assert [task.args for task in told] == [[promoted.pk, True]]


@pytest.mark.django_db
def test_leaving_the_waiting_list_promotes_nobody():
    workshop = event(community(), capacity=1)
    holder, waiting = person(), person()
    rsvp(event=workshop, user=holder)
    rsvp(event=workshop, user=waiting)

    assert cancel_rsvp(event=workshop, user=waiting) is None
    assert cancel_rsvp(event=workshop, user=waiting) is None  # idempotent
    assert counters_match_rows(workshop) == (1, 0)


@pytest.mark.django_db
def test_nobody_answers_an_event_that_started_or_was_cancelled():
    started = event(community(), in_days=-0.01)
    with pytest.raises(Conflict, match="already started"):
        rsvp(event=started, user=person())
    cancelled = event(community(), cancelled_at=timezone.now())
    with pytest.raises(Conflict, match="cancelled"):
        rsvp(event=cancelled, user=person())


@pytest.mark.django_db
def test_only_readers_of_the_event_answer_it():
    member, outsider = person(), person()
    closed = community(visibility=Visibility.CLOSED, members=[member])
    meeting = event(closed)

    with pytest.raises(NotFound):
        rsvp(event=meeting, user=outsider)
    assert rsvp(event=meeting, user=member).status == RSVPStatus.GOING
    assert rsvp(event=event(None), user=outsider).status == RSVPStatus.GOING


@pytest.mark.django_db
def test_a_smaller_capacity_never_turns_away_anyone_going():
    animator = person()
    group = community(animators=[animator])
    workshop = event(group, capacity=3, place="Salle 1")
    going = [person() for _ in range(3)]
    for user in going:
        rsvp(event=workshop, user=user)

    update_event(user=animator, event=workshop, details=details_of(workshop, capacity=1))

    assert counters_match_rows(workshop) == (3, 0)
    latecomer = rsvp(event=workshop, user=person())
    assert latecomer.status == RSVPStatus.WAITLIST
    cancel_rsvp(event=workshop, user=going[0])
    assert counters_match_rows(workshop) == (2, 1)  # still above the capacity: nobody in


@pytest.mark.django_db
def test_a_larger_capacity_lets_the_waiting_list_in_in_order():
    animator = person()
    group = community(animators=[animator])
    workshop = event(group, capacity=1, place="Salle 1")
    people = [person() for _ in range(4)]
    for user in people:
        rsvp(event=workshop, user=user)

    update_event(user=animator, event=workshop, details=details_of(workshop, capacity=3))

    going = set(RSVP.objects.filter(status=RSVPStatus.GOING).values_list("user_id", flat=True))
    assert going == {people[0].pk, people[1].pk, people[2].pk}
    assert counters_match_rows(workshop) == (3, 1)


@pytest.mark.django_db(transaction=True)
def test_fifty_people_answering_at_once_are_each_counted_once():
    workshop = event(community(), capacity=20)
    people = [person() for _ in range(50)]

    outcomes = run_in_threads(50, lambda n: rsvp(event=workshop, user=people[n]).status)

    assert sorted(outcomes) == ["going"] * 20 + ["waitlist"] * 30
    assert counters_match_rows(workshop) == (20, 30)
    positions = sorted(
        waitlist_position(answer)
        for answer in RSVP.objects.filter(event=workshop, status=RSVPStatus.WAITLIST)
    )
    assert positions == list(range(1, 31))


@pytest.mark.django_db(transaction=True)
def test_answers_and_withdrawals_at_once_keep_the_counters_exact():
    workshop = event(community(), capacity=10)
    people = [person() for _ in range(50)]
    for user in people[:25]:
        rsvp(event=workshop, user=user)

    def work(n: int):
        # The first 25 withdraw (and each withdrawal may let someone in), the others answer.
        if n < 25:
            return cancel_rsvp(event=workshop, user=people[n])
        return rsvp(event=workshop, user=people[n])

    outcomes = run_in_threads(50, work)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    going, waiting = counters_match_rows(workshop)
    assert going == 10 and waiting == 15


@pytest.mark.django_db
def test_moving_the_start_sends_the_reminder_again():
    animator = person()
    workshop = event(community(animators=[animator]), place="Salle 1", reminded_at=timezone.now())
    later = workshop.starts_at + timedelta(days=1)

    update_event(
        user=animator,
        event=workshop,
        details=details_of(workshop, starts_at=later, ends_at=later + timedelta(hours=1)),
    )

    workshop.refresh_from_db()
    assert workshop.reminded_at is None
