"""Communities, posts and events in the unified search, as `communities.selectors.access` says.

A community is found by whoever may know it exists (open and closed: every employee; secret:
its members); its posts and events by whoever may read it (open: every employee; closed and
secret: its members). A secret community's content reaches a non-member in no form: results,
counts, facets, suggestions, snippets, "did you mean". Administrators find everything. On
OpenSearch; test_search_communities_freshness.py shows the documents following changes, and
the embedded mode.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.models import Post, PostKind, Visibility
from communities.search import community_reach
from core.conversations.models import Comment, Conversation
from search.permissions import Searcher
from search.query import build_did_you_mean
from search.services import run_search
from tests.communities.factories import community, event, post
from tests.communities.search_helpers import (
    a_member,
    an_outsider,
    as_in_a_request,
    found,
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


def test_what_a_searcher_may_reach_is_read_in_two_queries_however_many_communities(
    member, outsider
):
    def queries_for(user):
        with CaptureQueriesContext(connection) as queries:
            Searcher.for_user(as_in_a_request(user))
        return len(queries) - 1  # the user's own row, loaded by the request

    baseline = queries_for(outsider)
    for number in range(5):
        community(name=f"Club {number}", visibility=Visibility.SECRET, members=[member])
        community(name=f"Ouvert {number}")

    assert queries_for(member) == queries_for(outsider) == baseline
    with CaptureQueriesContext(connection) as queries:
        reach = community_reach(as_in_a_request(member))
    # the user, whether they are a guest (their profile), their memberships, the communities
    assert len(queries) == 4
    assert len(reach.visible) == 10 and len(reach.readable) == 10


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

    page = client.get("/search/", {"q": "zeppelin"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get("/search/", {"q": "zeppelin"}).content.decode()

    for label in ("Communautés", "Publications", "Événements"):
        assert label in french
    for label in ("Communities", "Posts", "Events"):
        assert label in page
