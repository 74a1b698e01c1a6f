"""Nothing private leaks through results, counts, facets, suggestions or snippets."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from search.services import run_search, suggest
from tests.factories import UserFactory, home_page, publish_standard_page


@pytest.fixture
def board(db):
    return Group.objects.create(name="Board")


@pytest.fixture
def private_page(board):
    page = publish_standard_page(
        title="Zanzibar acquisition plan",
        body_html="<p>Confidential zanzibar figures.</p>",
        parent=home_page(),
        tags=["secret-deal"],
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    return page


@pytest.fixture
def public_page(db):
    return publish_standard_page(
        title="Canteen menu", body_html="<p>Zanzibar curry on Friday.</p>", parent=home_page()
    )


def test_a_group_restricted_page_is_found_only_by_members(
    private_page, public_page, reindex, board
):
    member, outsider = UserFactory(), UserFactory()
    member.groups.add(board)
    reindex()

    assert [hit.title for hit in run_search(user=member, text="zanzibar").results] == [
        "Zanzibar acquisition plan",
        "Canteen menu",
    ]
    outcome = run_search(user=outsider, text="zanzibar acquisition")
    assert [hit.title for hit in outcome.results] == ["Canteen menu"]
    assert outcome.count == 1


def test_counts_and_facets_ignore_what_the_user_may_not_see(private_page, public_page, reindex):
    outsider = UserFactory()
    reindex()

    outcome = run_search(user=outsider, text="zanzibar")

    assert outcome.count == 1
    assert outcome.facets["kind"] == {"page": 1}
    assert "secret-deal" not in outcome.facets["tag"]


def test_suggestions_and_did_you_mean_do_not_reveal_private_words(private_page, reindex):
    outsider = UserFactory()
    reindex()

    assert suggest(user=outsider, text="zanz") == []
    assert run_search(user=outsider, text="acquisiton").suggestion is None


def test_password_protected_unpublished_and_expired_pages_are_never_found(db, reindex):
    protected = publish_standard_page(title="Locked salary grid", parent=home_page())
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    draft = publish_standard_page(title="Draft salary memo", parent=home_page())
    draft.unpublish()
    superuser = UserFactory(is_superuser=True)
    reindex()

    assert run_search(user=superuser, text="salary").results == []


def test_snippets_escape_hostile_content_and_mark_only_the_matches(db, reindex):
    publish_standard_page(
        title="Hostile",
        search_description='<script>alert(1)</script> <b onclick="x()">parking</b>',
        parent=home_page(),
    )
    reindex()

    snippet = run_search(user=UserFactory(), text="parking").results[0].snippet

    assert "<script" not in snippet and "<b" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>parking</mark>" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
