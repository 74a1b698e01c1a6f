"""The indexes that keep idea figures fast at 50,000 people (bench/scale.py --explain).

Each test checks that the index exists under its name and that PostgreSQL's planner picks it
for the query Ruche really sends (captured from the selector), on a table of a few thousand
rows with fresh statistics; sequential scans stay allowed, so the plan is the planner's own.
"""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ideas.models import Idea, Vote
from ideas.selectors.insights import idea_contributor_ids
from tests.ideas.factories import challenge


def plan_of(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(line for (line,) in cursor.fetchall())


def index_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name for name, details in constraints.items() if details["index"]}


def test_the_votes_of_a_week_are_read_through_the_cast_at_index(db):
    campaign = challenge(phase="open")
    users = User.objects.bulk_create(User(username=f"voter{n}") for n in range(100))
    now = timezone.now()
    ideas = Idea.objects.bulk_create(
        Idea(challenge=campaign, author=users[0], title=f"Idée {n}", created_at=now)
        for n in range(40)
    )
    Vote.objects.bulk_create(
        Vote(idea=idea, user=user, challenge=campaign) for idea in ideas for user in users
    )
    with connection.cursor() as cursor:  # a year of votes, then fresh planner statistics
        cursor.execute("UPDATE ideas_vote SET created_at = now() - (id % 365) * interval '1 day'")
        cursor.execute("ANALYZE ideas_vote")

    with CaptureQueriesContext(connection) as captured:
        idea_contributor_ids(start=now - timedelta(days=7), end=now)
    (votes_query,) = [q["sql"] for q in captured.captured_queries if "ideas_vote" in q["sql"]]

    assert "ideas_vote_cast_at" in index_names("ideas_vote")
    assert "ideas_vote_cast_at" in plan_of(votes_query)
