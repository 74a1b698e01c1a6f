"""The indexes that keep the people directory fast at 50,000 people (bench/scale.py --explain).

Each test checks that the index exists under its name and that PostgreSQL's planner picks it
for the query Ruche really sends (captured from the selector), on tables of a few thousand
rows with fresh statistics; sequential scans stay allowed, so the plan is the planner's own.
"""

import pytest
from django.contrib.auth.models import User
from django.core.paginator import Paginator

from people.models import Profile
from people.selectors import directory
from tests.plans import analyze, index_names, plan_of, statements_of

pytestmark = pytest.mark.django_db

NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"]


@pytest.fixture
def organisation():
    """3,000 active people (bulk-made: no profile signal), with fresh statistics."""
    users = User.objects.bulk_create(
        User(
            username=f"person{n}",
            first_name=f"Prénom{n % 50}",
            last_name=f"{NAMES[n % len(NAMES)]}{n % 97}",
        )
        for n in range(3000)
    )
    Profile.objects.bulk_create(Profile(user=user) for user in users)
    analyze("auth_user", "people_profile")


def test_the_directory_reads_its_first_page_in_name_order_from_an_index(organisation):
    def first_page():
        page = Paginator(directory(), 20).get_page(1)
        return list(page.object_list)

    listing = [
        (sql, params)
        for sql, params in statements_of(first_page)
        if '"people_profile"' in sql and "ORDER BY" in sql and "LIMIT" in sql
    ]
    sql, params = listing[0]

    assert "people_user_name_order" in index_names("auth_user")
    plan = plan_of(sql, params)
    assert "people_user_name_order" in plan
    assert "Seq Scan on auth_user" not in plan


def test_the_directory_in_reverse_name_order_reads_the_same_index_backwards(organisation):
    def first_page():
        return list(Paginator(directory(sort="-name"), 20).get_page(1).object_list)

    (sql, params), *_ = [
        (sql, params)
        for sql, params in statements_of(first_page)
        if '"people_profile"' in sql and "ORDER BY" in sql and "LIMIT" in sql
    ]

    assert "Index Scan Backward using people_user_name_order" in plan_of(sql, params)
