"""Each built-in KPI, computed on a small known data set and compared with the hand count."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from ideas.models import Status, StatusChange, Vote
from insights.kpis import measure
from insights.selectors import group_for
from insights.services import flush_activity, record_activity
from news.models import Acknowledgement, Question
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge, idea
from tests.intranet.factories import dated
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, employees, kudos, person
from tests.search.factories import search

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Period:
    """The 30 days measured, taken when the test runs (not when the module is collected)."""

    now: datetime
    start: datetime
    end: datetime
    before: datetime  # a moment before the period


@pytest.fixture
def period() -> Period:
    now = timezone.now()
    return Period(
        now=now,
        start=now - timedelta(days=30),
        end=now + timedelta(hours=1),
        before=now - timedelta(days=45),
    )


@pytest.fixture
def kpi(period):
    """The KPI measured over the period, for everyone or a team."""

    def measured(code, team=None):
        return measure(code, period.start, period.end, group_for(team))

    return measured


def test_search_success_and_zero_result_rates_count_searches_of_the_period(kpi, period):
    people = employees(5)
    # 10 searches in the period: 4 followed by a click, 3 without any result.
    for index in range(10):
        search(
            people[index % 5],
            f"query {index}",
            results=0 if index < 3 else 4,
            click=index >= 6,
        )
    search(people[0], "old", results=0, when=period.before)  # before the period: not counted

    assert kpi("search_success").value == 40.0
    assert kpi("zero_results").value == 30.0
    assert kpi("search_success").people == 5


def test_search_rates_of_a_team_count_only_its_members_searches(kpi):
    support = TeamFactory(name="Support")
    members = employees(5, team=support)
    for someone in members:
        search(someone, "congés", click=True)
    for outsider in employees(5):
        search(outsider, "congés", results=0)

    assert kpi("search_success", support).value == 100.0
    assert kpi("zero_results", support).value == 0.0
    assert kpi("zero_results").value == 50.0


def test_weekly_active_users_counts_distinct_people_active_in_the_period(kpi, period):
    people = employees(6)
    for someone in people[:4]:
        record_activity(user=someone)
        record_activity(user=someone)  # twice the same day: once
    record_activity(user=people[4], day=period.before.date())
    flush_activity(days=60)

    result = kpi("weekly_active")
    assert result.value == 4.0
    assert result.people == 6


def test_share_of_contributors_counts_ideas_votes_comments_questions_and_kudos(kpi, period):
    sections()
    people = employees(9)
    owner = people[0]
    open_challenge = challenge(owner=owner, phase="open")
    author, voter, commenter, news_commenter, asker, thanker, late, idle, _ = people
    submitted = idea(open_challenge, author=author)
    Vote.objects.create(idea=submitted, user=voter, challenge=open_challenge)
    comment_on(submitted, author=commenter, body="<p>Oui</p>", created_at=period.now)
    news = publish_news(title="Nouvelles")
    comment_on(news, author=news_commenter, body="Bravo")
    Question.objects.create(author=asker, body="Quand ?")
    kudos(thanker, idle)
    dated(comment_on(news, author=late, body="Vieux"), period.before)

    # 9 employees; author, voter, commenter, news commenter, asker and thanker contributed.
    assert kpi("contributors").value == round(100 * 6 / 9, 1)


def test_ideas_per_challenge_divides_ideas_by_the_challenges_open_in_the_period(kpi, period):
    authors = employees(5)
    first = challenge(phase="open", title="Premier")
    second = challenge(phase="open", title="Second")
    challenge(
        title="Ancien",
        phase="closed",
        opens_at=period.now - timedelta(days=90),
        closes_at=period.now - timedelta(days=60),
    )
    for index in range(4):
        idea(first, author=authors[index])
    idea(second, author=authors[4])
    idea(second, author=authors[0])
    idea(second, author=authors[1], hidden_at=period.now)  # hidden by moderation: not counted

    assert kpi("ideas_per_challenge").value == 3.0  # 6 ideas / 2 challenges


@pytest.fixture
def answered_ideas(period):
    """Seven ideas by seven people; first answers after 3, 16, 10, 1 and 2 days."""
    open_challenge = challenge(phase="open")
    owner = open_challenge.challenge_owner
    old, recent = period.now - timedelta(days=20), period.now - timedelta(days=2)
    plan = [(old, 3), (old, 16), (old, None), (old, 10), (recent, None), (recent, 1), (old, 2)]
    for created, delay in plan:
        item = idea(open_challenge, author=person(), created_at=created)
        if delay is not None:
            change = StatusChange.objects.create(
                idea=item,
                from_status=Status.SUBMITTED,
                to_status=Status.UNDER_REVIEW,
                message="<p>Merci</p>",
                author=owner,
            )
            dated(change, created + timedelta(days=delay))


def test_share_of_ideas_answered_within_14_days_leaves_out_ideas_not_yet_due(answered_ideas, kpi):
    # Due: the five old ideas and the recent one already answered (the recent unanswered one
    # still has time). Answered in time: after 3, 10, 1 and 2 days: 4 of 6.
    result = kpi("answered_14d")
    assert result.value == round(100 * 4 / 6, 1)
    assert result.people == 6


def test_median_time_to_the_first_owner_answer_in_days(answered_ideas, kpi):
    result = kpi("first_answer_days")
    assert result.value == 3.0  # median of 1, 2, 3, 10, 16
    assert result.people == 5


def test_must_read_acknowledgement_rate_over_everyone_each_must_read_is_addressed_to(kpi):
    sections()
    finance = TeamFactory(name="Finance")
    everyone = employees(3) + employees(3, team=finance)
    to_all = publish_news(title="Pour tous", must_read=True)
    to_finance = publish_news(title="Pour la finance", must_read=True, audience=[finance])
    publish_news(title="Pas obligatoire")
    for someone in everyone[:3]:
        Acknowledgement.objects.create(page=to_all, user=someone)
    for someone in everyone[3:5]:
        Acknowledgement.objects.create(page=to_finance, user=someone)

    # 6 addressed for the first, 3 for the second: 5 acknowledgements of 9.
    result = kpi("must_read_ack")
    assert result.value == round(100 * 5 / 9, 1)
    assert result.people == 6


def test_share_of_leadership_questions_answered(kpi, period):
    askers = employees(5)
    for index, someone in enumerate([*askers, askers[0]]):
        question = Question.objects.create(author=someone, body=f"Question {index}")
        if index % 2 == 0:
            Question.objects.filter(pk=question.pk).update(answer="Oui", answered_at=period.now)
    dated(Question.objects.create(author=askers[1], body="Ancienne"), period.before)

    result = kpi("leadership_answered")
    assert result.value == 50.0  # 3 of the 6 questions of the period
    assert result.people == 5
