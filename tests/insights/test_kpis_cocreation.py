"""KPIs of the co-creativity objective, computed from ideas, answers and event seats."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agenda.models import RSVP, RSVPStatus
from ideas.models import Status, StatusChange
from insights.kpis import measure
from insights.selectors import group_for
from tests.communities.factories import event
from tests.ideas.factories import challenge, idea
from tests.intranet.factories import dated
from tests.people.factories import TeamFactory, employees

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi():
    now = timezone.now()

    def measured(code, team=None, days=60):
        return measure(code, now - timedelta(days=days), now + timedelta(hours=1), group_for(team))

    return measured


def answer(item, to_status, *, at):
    change = StatusChange.objects.create(
        idea=item,
        from_status=Status.SUBMITTED,
        to_status=to_status,
        message="<p>Réponse</p>",
        author=item.challenge.challenge_owner,
    )
    return dated(change, at)


def test_ideas_per_100_employees_of_the_group(kpi):
    lab = TeamFactory(name="Labo")
    inventors = employees(5, team=lab)
    employees(15)  # 20 employees in all, plus the challenge's owner
    ideas = challenge(phase="open")
    for someone in inventors:
        idea(ideas, author=someone)
    idea(ideas, author=inventors[0], anonymous=True)  # counts for everyone, for no team

    everyone = kpi("ideas_per_100")
    assert everyone.value == round(100 * 6 / 21, 1)
    assert everyone.people == 5
    assert kpi("ideas_per_100", lab).value == 100.0  # 5 named ideas for 5 people


def test_share_of_ideas_answered_within_30_days(kpi):
    ideas = challenge(phase="open")
    now = timezone.now()
    old = now - timedelta(days=45)
    authors = employees(6)
    for someone, delay in zip(authors, [2, 20, 29, 31, None, None], strict=True):
        item = idea(ideas, author=someone, created_at=old)
        if delay is not None:
            answer(item, Status.UNDER_REVIEW, at=old + timedelta(days=delay))
    idea(ideas, author=authors[0], created_at=now - timedelta(days=3))  # not due yet

    result = kpi("answered_30d")
    assert result.value == 50.0  # 3 of the 6 due ideas answered within 30 days
    assert result.people == 6
    assert kpi("answered_14d").value == round(100 * 1 / 6, 1)


def test_share_of_the_ideas_decided_in_the_period_that_are_implemented(kpi):
    ideas = challenge(phase="open")
    now = timezone.now()
    authors = employees(6)
    outcomes = [Status.IMPLEMENTED, Status.IMPLEMENTED, Status.SELECTED, Status.REJECTED]
    outcomes += [Status.REJECTED, Status.UNDER_REVIEW]
    for someone, status in zip(authors, outcomes, strict=True):
        answer(idea(ideas, author=someone), status, at=now - timedelta(days=1))
    decided_long_ago = idea(ideas, author=authors[0])
    answer(decided_long_ago, Status.IMPLEMENTED, at=now - timedelta(days=200))

    result = kpi("implemented_share")
    assert result.value == 40.0  # 2 of the 5 decided (under review is no decision)
    assert result.people == 5


def test_an_anonymous_idea_counts_in_no_team_decision(kpi):
    lab = TeamFactory(name="Labo")
    ideas = challenge(phase="open")
    now = timezone.now()
    for someone in employees(5, team=lab):
        answer(idea(ideas, author=someone), Status.REJECTED, at=now)
    anonymous = idea(ideas, author=employees(1, team=lab)[0], anonymous=True)
    answer(anonymous, Status.IMPLEMENTED, at=now)

    assert kpi("implemented_share", lab).value == 0.0
    assert kpi("implemented_share").value == round(100 * 1 / 6, 1)


def test_attendance_is_the_share_of_people_with_a_seat_at_an_event_held_in_the_period(kpi):
    lab = TeamFactory(name="Labo")
    members = employees(5, team=lab)
    others = employees(5)
    workshop = event(in_days=-2, title="Atelier idées")
    cancelled = event(in_days=-3, title="Annulé", cancelled_at=timezone.now())
    upcoming = event(in_days=5, title="Plus tard")
    for someone in members[:2] + others[:1]:
        RSVP.objects.create(event=workshop, user=someone, status=RSVPStatus.GOING)
    RSVP.objects.create(event=workshop, user=others[1], status=RSVPStatus.WAITLIST)
    RSVP.objects.create(event=cancelled, user=others[2], status=RSVPStatus.GOING)
    RSVP.objects.create(event=upcoming, user=others[3], status=RSVPStatus.GOING)

    result = kpi("event_attendance", days=7)
    assert result.value == 30.0  # 3 of the 10 employees
    assert result.people == 10
    assert kpi("event_attendance", lab, days=7).value == 40.0
