"""The communities' search documents follow what is committed, and who finds them follows
`communities.selectors.access` at once.

Who may know of and read which community is asked when the search starts: joining, leaving
or a new visibility needs no re-indexing. Edits, moderation, deletions and renames re-index
from the committed state (tasks run in this process after commit, as the worker would). A
scheduled post is found once its time has come, with nothing re-indexed. The embedded mode
(Wagtail's database backend) applies the same rules, and the reconciliation agrees with both.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Membership, Visibility
from search.indexing import rebuild
from search.reconciliation import reconcile_index
from search.services import run_search
from tests.communities.factories import community, event, join, post
from tests.communities.search_helpers import (
    INLINE_TASKS,
    a_member,
    an_outsider,
    found,
    refreshed,
    secret_club,
    suggested,
    use_stand_in_pages,
)
from tests.people.factories import UserFactory


@pytest.fixture(autouse=True)
def community_pages(settings):
    use_stand_in_pages(settings)


@pytest.fixture
def member(db):
    return a_member()


@pytest.fixture
def outsider(db):
    return an_outsider()


@pytest.fixture
def secret(member):
    return secret_club(member)


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def inline_tasks(settings):
    """Index updates run in this process once the transaction commits (as the worker would)."""
    settings.TASKS = INLINE_TASKS


@pytest.fixture
def embedded(settings):
    """The embedded default: Wagtail's database backend, background tasks run inline."""
    settings.SEARCH_BACKEND = "database"
    settings.TASKS = INLINE_TASKS


# --- Who may read what is read at query time: nothing to re-index -------------------------


@pytest.mark.django_db(transaction=True)
def test_turned_open_a_secret_community_is_found_by_all_and_turned_secret_no_longer(
    secret, outsider, reindex
):
    reindex()
    assert found(outsider, "zeppelin") == []

    secret.visibility = Visibility.OPEN
    secret.save()

    assert found(outsider, "zeppelin") == [
        "Club Zeppelin",
        "Rachat du hangar zeppelin",
        "Vol d'essai du zeppelin",
    ]

    secret.visibility = Visibility.SECRET
    secret.save()

    assert found(outsider, "zeppelin") == []
    assert suggested(outsider, "zepp") == []


@pytest.mark.django_db(transaction=True)
def test_joining_a_secret_community_opens_it_in_search_and_leaving_closes_it(
    secret, outsider, reindex
):
    reindex()

    join(secret, outsider)
    assert len(found(outsider, "zeppelin")) == 3

    Membership.objects.filter(community=secret, user=outsider).delete()
    assert found(outsider, "zeppelin") == []


# --- Edits follow from the committed state ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_edited_hidden_and_deleted_posts_follow_in_the_index(member, inline_tasks, reindex):
    reindex()  # an index holding this test's documents only
    garden = community(name="Jardinage", members=[member])
    edited, hidden, deleted = (
        post(garden, author=member, title=f"Zeppelin {number}") for number in (1, 2, 3)
    )
    refreshed()
    assert found(member, "zeppelin") == ["Zeppelin 1", "Zeppelin 2", "Zeppelin 3"]

    edited.title = "Dirigeable repeint"
    edited.save()
    hidden.hidden_at = timezone.now()  # as moderation does it
    hidden.save(update_fields=["hidden_at"])
    deleted.delete()
    refreshed()

    assert found(member, "zeppelin") == []
    assert found(member, "dirigeable") == ["Dirigeable repeint"]

    hidden.hidden_at = None  # restored by a moderator
    hidden.save(update_fields=["hidden_at"])
    refreshed()
    assert found(member, "zeppelin") == ["Zeppelin 2"]


@pytest.mark.django_db(transaction=True)
def test_a_renamed_community_takes_its_posts_and_events_along(member, inline_tasks, reindex):
    reindex()
    garden = community(name="Jardinage", members=[member])
    post(garden, author=member, title="Tomates")
    event(garden, title="Troc de graines")
    garden.tags.add("zeppelin")
    refreshed()
    assert found(member, "zeppelin") == ["Jardinage"]

    garden.name = "Potagers zeppelin"
    garden.save()
    refreshed()

    assert found(member, "zeppelin") == ["Potagers zeppelin", "Tomates", "Troc de graines"]


@pytest.mark.django_db(transaction=True)
def test_a_changed_event_is_found_by_its_new_title_and_place(member, inline_tasks, reindex):
    reindex()
    meeting = event(community(name="Jardinage", members=[member]), title="Troc de graines")
    meeting.title, meeting.place = "Troc de boutures", "Salle zeppelin"
    meeting.save()
    refreshed()

    assert found(member, "zeppelin") == ["Troc de boutures"]
    assert found(member, "graines") == []


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_post_is_found_by_no_one_before_its_time_then_by_its_readers(
    member, admin, inline_tasks, reindex
):
    reindex()
    garden = community(name="Jardinage", visibility=Visibility.CLOSED, members=[member])
    post(
        garden,
        author=member,
        title="Zeppelin annoncé",
        publish_at=timezone.now() + timedelta(seconds=2),
    )
    refreshed()

    assert found(member, "zeppelin") == [] and found(admin, "zeppelin") == []
    assert suggested(member, "zepp") == []

    time.sleep(2.2)  # nothing is re-indexed: the time has come

    assert found(member, "zeppelin") == ["Zeppelin annoncé"]
    assert found(admin, "zeppelin") == ["Zeppelin annoncé"]


# --- The embedded mode applies the same rules ----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_applies_the_same_rules(member, outsider, embedded):
    club = community(name="Club Zeppelin", visibility=Visibility.SECRET, members=[member])
    post(club, author=member, title="Hangar zeppelin")
    kitchen = community(name="Cuisine zeppelin", visibility=Visibility.CLOSED, members=[member])
    post(kitchen, author=member, title="Recette zeppelin")
    post(
        kitchen,
        author=member,
        title="Zeppelin annoncé",
        publish_at=timezone.now() + timedelta(days=1),
    )
    event(None, title="Fête zeppelin")

    outsider_sees = run_search(user=outsider, text="zeppelin")
    assert sorted(hit.title for hit in outsider_sees.results) == [
        "Cuisine zeppelin",
        "Fête zeppelin",
    ]
    assert outsider_sees.facets["kind"] == {"community": 1, "event": 1}
    assert suggested(outsider, "zeppelin") == ["Cuisine zeppelin", "Fête zeppelin"]
    assert found(member, "zeppelin") == [
        "Club Zeppelin",
        "Cuisine zeppelin",
        "Fête zeppelin",
        "Hangar zeppelin",
        "Recette zeppelin",
    ]

    club.visibility = Visibility.OPEN
    club.save()
    assert "Hangar zeppelin" in found(outsider, "zeppelin")


@pytest.mark.parametrize("backend", ["opensearch2", "database"])
def test_the_reconciliation_finds_a_rebuilt_index_in_line(
    backend, secret, member, settings, reindex
):
    settings.SEARCH_BACKEND = backend
    post(
        secret,
        author=member,
        title="Zeppelin annoncé",
        publish_at=timezone.now() + timedelta(days=1),
    )
    if backend == "database":
        rebuild()
    else:
        reindex()

    run = reconcile_index()

    # a person, the community, its event, its post and the scheduled one
    assert run.checked == 5 and run.differences == 0
