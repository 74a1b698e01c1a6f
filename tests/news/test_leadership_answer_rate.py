"""Leadership's answer rate in the open: over the last 90 days, the share of questions
answered and the median delay, on the leadership page and on "You asked, we answered"."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Question, QuestionStatus
from news.selectors import leadership_answer_rate
from tests.news.factories import sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def asked(*, days_ago: float, answered_after: float | None = None, **fields) -> Question:
    """A question asked `days_ago`, answered `answered_after` days later (or never)."""
    created = timezone.now() - timedelta(days=days_ago)
    question = Question.objects.create(author=person(), body="Et la cantine ?", **fields)
    changes = {"created_at": created}
    if answered_after is not None:
        changes.update(
            answer="Oui.",
            status=QuestionStatus.ANSWERED,
            answered_at=created + timedelta(days=answered_after),
        )
    Question.objects.filter(pk=question.pk).update(**changes)
    return question


def test_share_answered_and_median_delay_over_the_last_90_days():
    for delay in (1, 2, 3, 4, 10):
        asked(days_ago=30, answered_after=delay)
    asked(days_ago=20)  # still open
    asked(days_ago=10, status=QuestionStatus.CLOSED)  # closing is not answering
    asked(days_ago=5, answered_after=0.5, anonymous=True)
    asked(days_ago=120, answered_after=40)  # asked before the period: not counted

    rate = leadership_answer_rate()

    assert (rate.asked, rate.answered, rate.percent) == (8, 6, 75)
    assert rate.median_delay == timedelta(days=2.5)  # between 2 and 3 days
    assert rate.median_days == 3  # rounded up: "in 3 days"


def test_an_answer_within_the_day_reads_as_one_day():
    for _ in range(5):
        asked(days_ago=3, answered_after=0.1)

    rate = leadership_answer_rate()

    assert rate.percent == 100 and rate.median_days == 1


def test_nothing_is_claimed_from_a_handful_of_questions():
    for _ in range(4):
        asked(days_ago=3, answered_after=1)

    assert leadership_answer_rate() is None


def test_no_answer_yet_gives_a_share_without_a_delay():
    for _ in range(5):
        asked(days_ago=3)

    rate = leadership_answer_rate()

    assert rate.percent == 0 and rate.median_delay is None and rate.median_days is None


def test_the_rate_is_computed_in_one_query_however_many_questions():
    for delay in range(30):
        asked(days_ago=40, answered_after=delay % 7)

    with CaptureQueriesContext(connection) as captured:
        leadership_answer_rate()

    assert len(captured) == 1


def test_every_employee_reads_it_in_french_on_the_leadership_pages(client):
    _news, leadership = sections()
    for delay in (1, 2, 3):
        asked(days_ago=10, answered_after=delay)
    asked(days_ago=10)
    asked(days_ago=10)
    client.force_login(person())

    for url in (leadership.url, "/news/answered/"):
        page = client.get(url).content.decode()
        assert (
            "Sur les 90 derniers jours, 60 % des questions à la direction ont reçu une réponse, "
            "en 2 jours en médiane." in page
        )


def test_the_leadership_page_stays_silent_without_enough_questions(client):
    _news, leadership = sections()
    asked(days_ago=10, answered_after=1)
    client.force_login(person())

    assert 'data-testid="answer-rate"' not in client.get(leadership.url).content.decode()
