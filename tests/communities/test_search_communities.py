"""Communities, posts and events in the unified search, as `communities.selectors.access` says.

A community is found by whoever may know it exists (open and closed: every employee; secret:
its members); its posts and events by whoever may read it (open: every employee; closed and
secret: its members). A secret community's content reaches a non-member in no form: results,
counts, facets, suggestions, snippets, "did you mean". Administrators find everything; no one
finds a scheduled post before its time, nor a hidden one. Who may read what is asked at query
time, so joining, leaving or a new visibility needs no re-indexing; edits follow from the
committed state. Checked on OpenSearch, and in the embedded mode (the database backend).
"""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone

from communities.models import Membership, Post, PostKind, Visibility
from core.conversations.models import Comment, Conversation
from intranet.urls import urlpatterns as site_urlpatterns
from search.engine import get_engine
from search.indexing import rebuild
from search.permissions import Searcher
from search.query import Filters, build_did_you_mean
from search.reconciliation import reconcile_index
from search.services import run_search, suggest
from tests.communities.factories import community, event, join, post
from tests.people.factories import UserFactory, person

INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _stand_in(request, **kwargs):
    return HttpResponse()


# The community pages are built by other areas; until they exist, their reverse names lead
# to stand-ins (this module then serves as the URL configuration), so that results carry the
# links the models give.
urlpatterns = [
    path(
        "communities/",
        include(
            (
                [
                    path("events/<int:pk>/", _stand_in, name="event"),
                    path("<slug:slug>/", _stand_in, name="community"),
                    path("<slug:slug>/posts/<int:pk>/", _stand_in, name="post"),
                ],
                "communities",
            )
        ),
    ),
    *site_urlpatterns,
]


@pytest.fixture(autouse=True)
def community_pages(settings):
    try:
        reverse("communities:event", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


@pytest.fixture
def inline_tasks(settings):
    """Index updates run in this process once the transaction commits (as the worker would)."""
    settings.TASKS = INLINE_TASKS


@pytest.fixture
def embedded(settings):
    """The embedded default: Wagtail's database backend, background tasks run inline."""
    settings.SEARCH_BACKEND = "database"
    settings.TASKS = INLINE_TASKS


@pytest.fixture
def member(db):
    return person(username="membre", first_name="Maëlle", last_name="Durand")


@pytest.fixture
def outsider(db):
    return person(username="dehors", first_name="Octave", last_name="Lambert")


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", is_superuser=True)


def as_in_a_request(user):
    """The user as a new request loads them (their communities are cached per request)."""
    return User.objects.get(pk=user.pk)


def found(user, text, **filters):
    """The titles this user finds for `text`, sorted."""
    outcome = run_search(user=as_in_a_request(user), text=text, filters=Filters(**filters))
    return sorted(hit.title for hit in outcome.results)


def suggested(user, text):
    return sorted(hit.title for hit in suggest(user=as_in_a_request(user), text=text))


def refreshed():
    """Documents written since the last refresh become searchable."""
    get_engine().refresh()


@pytest.fixture
def secret(member):
    """A secret community with a post and an event, all about zeppelins."""
    club = community(
        name="Club Zeppelin",
        visibility=Visibility.SECRET,
        description="Les dirigeables du comité de direction",
        members=[member],
    )
    club.tags.add("aerostat")
    post(
        club,
        author=member,
        title="Rachat du hangar zeppelin",
        body="<p>Le hangar des zeppelins est à vendre, confidentiel.</p>",
    ).tags.add("hangar-secret")
    event(club, title="Vol d'essai du zeppelin", place="Hangar Y", description="<p>Essai.</p>")
    return club


def test_a_member_finds_a_community_its_posts_and_events_with_their_links(secret, member, reindex):
    reindex()

    outcome = run_search(user=member, text="zeppelin")

    by_kind = {hit.kind: hit for hit in outcome.results}
    assert sorted(by_kind) == ["community", "event", "post"]
    club_post, club_event = secret.posts.get(), secret.events.get()
    assert by_kind["community"].url == secret.get_absolute_url()
    assert by_kind["post"].url == club_post.get_absolute_url()
    assert by_kind["event"].url == club_event.get_absolute_url()
    assert outcome.facets["kind"] == {"community": 1, "post": 1, "event": 1}
    assert "hangar-secret" in outcome.facets["tag"]


def test_a_secret_community_reaches_no_non_member_in_any_form(secret, member, outsider, reindex):
    reindex()

    outcome = run_search(user=outsider, text="zeppelin")
    assert outcome.results == [] and outcome.count == 0
    assert outcome.facets["kind"] == {} and outcome.facets["tag"] == {}
    assert run_search(user=outsider, text="hangar confidentiel").count == 0
    assert suggested(outsider, "zepp") == []
    assert suggested(outsider, "club zep") == []
    # "did you mean" draws on the whole index but offers only what the searcher may find.
    assert run_search(user=member, text="zeplin").suggestion == "zeppelin"
    assert run_search(user=outsider, text="zeplin").suggestion is None


def test_a_snippet_comes_only_from_what_the_searcher_may_read(secret, member, outsider, reindex):
    open_one = community(name="Bricolage")
    post(open_one, title="Maquettes", body="<p>Une maquette de zeppelin en balsa.</p>")
    reindex()

    [hit] = run_search(user=outsider, text="zeppelin").results
    assert hit.title == "Maquettes"
    assert hit.snippet.startswith("Une maquette de <mark>zeppelin</mark> en balsa. · Bricolage")
    member_snippets = " ".join(
        hit.snippet for hit in run_search(user=member, text="hangar").results
    )
    assert "confidentiel" in member_snippets


def test_a_closed_community_is_known_to_all_its_posts_and_events_to_members_only(
    member, outsider, reindex
):
    kitchen = community(name="Cuisine zeppelin", visibility=Visibility.CLOSED, members=[member])
    post(kitchen, author=member, title="Recette zeppelin aux fraises")
    event(kitchen, title="Atelier zeppelin glacé")
    reindex()

    assert found(outsider, "zeppelin") == ["Cuisine zeppelin"]
    assert suggested(outsider, "zeppelin") == ["Cuisine zeppelin"]
    assert found(member, "zeppelin") == [
        "Atelier zeppelin glacé",
        "Cuisine zeppelin",
        "Recette zeppelin aux fraises",
    ]


def test_an_open_communitys_posts_and_events_and_events_of_no_community_are_for_everyone(
    outsider, reindex
):
    garden = community(name="Jardinage")
    post(garden, title="Tomates zeppelin").tags.add("potager")
    event(garden, title="Troc zeppelin de graines")
    event(None, title="Fête zeppelin du site")
    reindex()

    outcome = run_search(user=outsider, text="zeppelin")
    assert sorted(hit.title for hit in outcome.results) == [
        "Fête zeppelin du site",
        "Tomates zeppelin",
        "Troc zeppelin de graines",
    ]
    assert outcome.facets["tag"] == {"potager": 1}


def test_an_administrator_finds_everything(secret, admin, reindex):
    kitchen = community(name="Cuisine", visibility=Visibility.CLOSED)
    post(kitchen, title="Zeppelin au chocolat")
    reindex()

    assert found(admin, "zeppelin") == [
        "Club Zeppelin",
        "Rachat du hangar zeppelin",
        "Vol d'essai du zeppelin",
        "Zeppelin au chocolat",
    ]


def test_a_post_is_found_by_its_community_author_and_type(member, outsider, reindex):
    garden = community(name="Jardinage")
    question = post(garden, author=member, kind=PostKind.QUESTION, title="Quand tailler ?")
    post(garden, author=member, title="Photos du potager")
    conversation = Conversation.objects.create(
        content_type=ContentType.objects.get_for_model(Post), object_id=question.pk
    )
    answer = Comment.objects.create(conversation=conversation, author=outsider, body="En mars.")
    question.accepted_answer = answer
    question.save()
    reindex()

    assert found(outsider, "jardinage maëlle", kinds=["post"]) == [
        "Photos du potager",
        "Quand tailler ?",
    ]
    assert found(outsider, "question solved") == ["Quand tailler ?"]
    assert found(outsider, "tailler", kinds=["post"]) == ["Quand tailler ?"]
    assert found(outsider, "tailler", kinds=["community"]) == []


def test_a_post_without_a_title_is_shown_by_the_start_of_its_text(outsider, reindex):
    post(community(name="Jardinage"), body="<p>Qui a vu mon <b>arrosoir</b> rouge ?</p>")
    reindex()

    assert found(outsider, "arrosoir") == ["Qui a vu mon arrosoir rouge ?"]


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


def test_did_you_mean_asks_the_engine_one_template_whatever_the_searcher(secret, member, outsider):
    """The engine compiles few templates in five minutes: the searcher's ids are params."""
    bodies = [
        build_did_you_mean("zeplin", Searcher.for_user(as_in_a_request(user))).to_dict()
        for user in (member, outsider)
    ]
    collates = [body["suggest"]["did_you_mean"]["phrase"]["collate"] for body in bodies]

    assert collates[0]["query"] == collates[1]["query"]
    assert collates[0]["params"]["visible_community_ids"] == [secret.pk]
    assert collates[1]["params"]["visible_community_ids"] == []


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


# --- The API ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["community", "post", "event"])
def test_the_api_filters_on_each_kind(kind, secret, member, client, reindex):
    reindex()
    client.force_login(member)

    body = client.get("/api/search/", {"q": "zeppelin", "kind": kind}).json()

    assert [hit["kind"] for hit in body["results"]] == [kind]
    assert body["facets"]["kind"] == {"community": 1, "post": 1, "event": 1}


def test_the_api_refuses_an_unknown_kind(member, client):
    client.force_login(member)

    response = client.get("/api/search/", {"q": "zeppelin", "kind": "group"})

    assert response.status_code == 400
    assert "'community', 'post' or 'event'" in response.json()["error"]


@pytest.mark.usefixtures("english")
def test_the_search_page_labels_the_three_kinds(secret, member, client, reindex):
    reindex()
    client.force_login(member)

    page = client.get("/search/", {"q": "zeppelin"}).content.decode()

    for label in ("Communities", "Posts", "Events"):
        assert label in page
