"""Nothing private leaks through results, counts, facets, suggestions or snippets."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from search.services import run_search, suggest
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory


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


def test_a_rebuild_reads_page_privacy_in_bulk_with_the_same_answers_as_page_by_page(db, board):
    from django.contrib.auth.models import Group

    from search.pages import page_visibility, view_restrictions_preloaded

    other = Group.objects.create(name="Works council")
    section = publish_standard_page(title="Board section", parent=home_page())
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board, other)
    inner = publish_standard_page(title="Board minutes", parent=section)
    narrower = PageViewRestriction.objects.create(
        page=inner, restriction_type=PageViewRestriction.GROUPS
    )
    narrower.groups.add(board)
    deep = publish_standard_page(title="Annex", parent=inner)
    locked = publish_standard_page(title="Locked", parent=home_page())
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    under_lock = publish_standard_page(title="Under the lock", parent=locked)
    alias = inner.create_alias(parent=home_page(), update_slug="board-minutes-alias")
    public = publish_standard_page(title="Public", parent=home_page())
    pages = [section, inner, deep, locked, under_lock, alias, public]

    one_by_one = [page_visibility(page) for page in pages]
    with view_restrictions_preloaded():
        in_bulk = [page_visibility(page) for page in pages]

    assert in_bulk == one_by_one
    assert one_by_one[2] == (True, [board.pk])
    assert one_by_one[4] == (False, None)
    assert one_by_one[5] == (True, [board.pk])  # the alias follows its source page
    assert one_by_one[6] == (True, None)
