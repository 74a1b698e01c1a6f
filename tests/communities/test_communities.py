"""Creating and changing communities, the directory (search, mine, suggested for you) and
the community page, for members, non-members, animators and administrators."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from communities.models import Community, Follow, Membership, Role, Visibility
from communities.services.communities import create_community, update_community
from communities.services.membership import join_community
from communities.views.community import WELCOME_KEY
from core import findable
from core.conversations.errors import Invalid, NotAllowed, NotFound
from tests.communities.factories import community, join_request, post, signed_in
from tests.people.factories import TeamFactory, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def reindexed(monkeypatch):
    """What `core.findable.request_reindex` was asked for: (kind, ids)."""
    asked: list[tuple[str, list]] = []
    monkeypatch.setattr(findable, "_reindexers", [lambda kind, ids: asked.append((kind, ids))])
    return asked


def png(name="cover.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "orange").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


# --- creating and changing ---------------------------------------------------------------


def test_any_employee_creates_a_community_and_becomes_its_animator():
    employee = person()

    created = create_community(
        user=employee, name="  Cuisine   du monde ", tags=["Cuisine", "cuisine", "Voyage"]
    )

    assert created.name == "Cuisine du monde" and created.slug == "cuisine-du-monde"
    assert created.visibility == Visibility.OPEN and created.created_by == employee
    assert list(created.memberships.values_list("user_id", "role")) == [
        (employee.pk, Role.ANIMATOR)
    ]
    assert sorted(tag.name for tag in created.tags.all()) == ["Cuisine", "Voyage"]


def test_slugs_are_unique_and_never_a_path_of_the_communities_pages():
    employee = person()

    first = create_community(user=employee, name="Vélo")
    second = create_community(user=employee, name="vélo")
    events = create_community(user=employee, name="Events")
    new = create_community(user=employee, name="New")

    assert (first.slug, second.slug) == ("velo", "velo-2")
    assert events.slug == "events-2" and new.slug == "new-2"


def test_a_community_needs_a_name_and_a_known_visibility():
    with pytest.raises(Invalid):
        create_community(user=person(), name="   ")
    with pytest.raises(Invalid):
        create_community(user=person(), name="Chut", visibility="hidden")
    assert not Community.objects.exists()


def test_animators_change_it_others_may_not():
    animator, member, outsider = person(), person(), person()
    team = community(animators=[animator], members=[member], visibility=Visibility.SECRET)

    with pytest.raises(NotAllowed):
        update_community(user=member, community=team, name="Autre")
    with pytest.raises(NotFound):
        update_community(user=outsider, community=team, name="Autre")
    update_community(user=animator, community=team, name="Autre", description="<b>Nous</b>")

    team.refresh_from_db()
    assert (team.name, team.description) == ("Autre", "Nous")


def test_the_welcome_message_is_sanitised():
    animator = person()
    team = community(animators=[animator])

    update_community(
        user=animator,
        community=team,
        welcome_message='<p onclick="x()">Bienvenue <script>alert(1)</script><b>ici</b></p>',
    )

    team.refresh_from_db()
    assert team.welcome_message == "<p>Bienvenue <b>ici</b></p>"


def test_a_change_of_visibility_reindexes_the_community_its_posts_and_events(reindexed):
    animator = person()
    team = community(animators=[animator])
    message = post(team)

    update_community(user=animator, community=team, description="Même visibilité")
    assert reindexed == []
    update_community(user=animator, community=team, visibility=Visibility.SECRET)

    asked = dict(reindexed)
    assert asked["community"] == [team.pk]
    assert asked["post"] == [message.pk]
    assert asked["event"] == []


def test_a_cover_is_uploaded_as_an_image(client):
    animator = person()
    team = community(animators=[animator])
    signed_in(client, animator)

    response = client.post(
        reverse("communities:settings", args=[team.slug]),
        {"name": "Photo", "visibility": "open", "cover": png()},
    )

    assert response.status_code == 302
    team.refresh_from_db()
    assert team.cover is not None and team.cover.title == "Photo"


def test_a_cover_that_is_not_an_image_is_refused(client):
    animator = person()
    team = community(animators=[animator])
    signed_in(client, animator)
    fake = io.BytesIO(b"<html>not an image</html>")
    fake.name = "cover.png"

    response = client.post(
        reverse("communities:settings", args=[team.slug]),
        {"name": "Photo", "visibility": "open", "cover": fake},
    )

    assert response.status_code == 200
    team.refresh_from_db()
    assert team.cover is None


# --- the directory -----------------------------------------------------------------------


def directory_names(client, **params) -> list[str]:
    response = client.get(reverse("communities:directory"), params)
    assert response.status_code == 200
    return [c.name for c in response.context["communities"]]


def test_the_directory_lists_open_and_closed_communities_and_my_secret_ones(client):
    member, outsider, admin = person(), person(), person(is_superuser=True)
    community(name="Ouverte")
    community(name="Fermée", visibility=Visibility.CLOSED)
    community(name="Secrète", visibility=Visibility.SECRET, members=[member])

    assert sorted(directory_names(signed_in(client, outsider))) == ["Fermée", "Ouverte"]
    assert "Secrète" not in signed_in(client, outsider).get("/communities/").content.decode()
    assert sorted(directory_names(signed_in(client, member))) == ["Fermée", "Ouverte", "Secrète"]
    assert sorted(directory_names(signed_in(client, admin))) == ["Fermée", "Ouverte", "Secrète"]


def test_the_directory_searches_names_descriptions_and_tags(client):
    community(name="Vélo", description="Pédaler au travail")
    tagged = community(name="Mobilité")
    tagged.tags.set(["transport"])
    community(name="Cuisine")
    signed_in(client, person())

    assert directory_names(client, q="vél") == ["Vélo"]
    assert directory_names(client, q="pédaler") == ["Vélo"]
    assert directory_names(client, q="Transport") == ["Mobilité"]
    assert directory_names(client, q="rien") == []


def test_a_search_never_finds_a_secret_community_of_others(client):
    community(name="Projet Licorne", visibility=Visibility.SECRET)

    assert directory_names(signed_in(client, person()), q="licorne") == []


def test_mine_lists_only_the_communities_i_belong_to(client):
    me = person()
    community(name="La mienne", members=[me])
    community(name="Une autre")

    assert directory_names(signed_in(client, me), mine="1") == ["La mienne"]


def test_suggestions_come_from_my_team_my_skills_and_the_people_i_follow(client):
    team = TeamFactory(name="Compta")
    me = person(team=team, skills=["Python"])
    teammate, followed = person(team=team), person()
    community(name="Par l'équipe", members=[teammate])
    community(name="Par les compétences").tags.set(["Python"])
    community(name="Par les suivis", members=[followed])
    community(name="Sans lien", members=[person()])
    community(name="Secrète de l'équipe", visibility=Visibility.SECRET, members=[teammate])
    community(name="Déjà la mienne", members=[me, teammate])
    Follow.objects.create(user=me, person=followed)

    response = signed_in(client, me).get(reverse("communities:directory"))

    suggested = {c.name for c in response.context["suggested"]}
    assert suggested == {"Par l'équipe", "Par les compétences", "Par les suivis"}


def test_creating_through_the_form_leads_to_the_new_community(client):
    employee = person()
    signed_in(client, employee)

    response = client.post(
        reverse("communities:create"),
        {"name": "Lecture", "description": "Des livres", "visibility": "closed", "tags": "A, B"},
    )

    created = Community.objects.get(name="Lecture")
    assert response["Location"] == created.get_absolute_url()
    assert created.visibility == Visibility.CLOSED
    assert Membership.objects.get(community=created).role == Role.ANIMATOR


# --- the community page ------------------------------------------------------------------


def test_an_open_community_shows_its_posts_and_a_join_button_to_non_members(client):
    team = community(name="Ouverte")
    message = post(team, body="<p>Premier message</p>")

    response = signed_in(client, person()).get(team.get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["posts"]) == [message]
    assert reverse("communities:join", args=[team.slug]) in response.content.decode()


def test_a_closed_community_shows_non_members_its_header_and_a_request_form_only(client):
    animator = person(first_name="Léa", last_name="Roux")
    closed = community(
        name="Fermée", description="Entre nous", visibility=Visibility.CLOSED, animators=[animator]
    )
    post(closed, body="<p>Confidentiel</p>")

    response = signed_in(client, person()).get(closed.get_absolute_url())
    page = response.content.decode()

    assert response.status_code == 200
    assert "Entre nous" in page and "Léa Roux" in page and "Ask to join" in page
    assert "posts" not in response.context and "Confidentiel" not in page


def test_a_pending_request_shows_as_waiting(client):
    asker = person()
    closed = community(visibility=Visibility.CLOSED)
    join_request(closed, asker)

    page = signed_in(client, asker).get(closed.get_absolute_url()).content.decode()

    assert "waiting for an animator" in page
    assert reverse("communities:withdraw", args=[closed.slug]) in page


def test_a_secret_community_does_not_exist_for_non_members(client):
    member = person()
    secret = community(visibility=Visibility.SECRET, members=[member])
    post(secret, author=member)

    assert signed_in(client, person()).get(secret.get_absolute_url()).status_code == 404
    assert signed_in(client, member).get(secret.get_absolute_url()).status_code == 200
    admin = person(is_superuser=True)
    assert signed_in(client, admin).get(secret.get_absolute_url()).status_code == 200


def test_members_read_a_closed_community(client):
    member = person()
    closed = community(visibility=Visibility.CLOSED, members=[member])
    message = post(closed, author=member)

    response = signed_in(client, member).get(closed.get_absolute_url())

    assert list(response.context["posts"]) == [message]


def test_pinned_posts_come_first_then_the_newest(client):
    team = community()
    older = post(team, publish_at=timezone.now() - timezone.timedelta(days=2))
    pinned = post(
        team, publish_at=timezone.now() - timezone.timedelta(days=5), pinned_at=timezone.now()
    )
    newer = post(team)

    response = signed_in(client, person()).get(team.get_absolute_url())

    assert list(response.context["posts"]) == [pinned, newer, older]


def test_joining_from_the_page_shows_the_welcome_message_once(client):
    employee = person()
    team = community(welcome_message="<p>Bienvenue chez les cyclistes</p>")
    signed_in(client, employee)

    client.post(reverse("communities:join", args=[team.slug]))
    first = client.get(team.get_absolute_url()).content.decode()
    second = client.get(team.get_absolute_url()).content.decode()

    assert "Bienvenue chez les cyclistes" in first
    assert "Bienvenue chez les cyclistes" not in second
    assert team.memberships.filter(user=employee).exists()
    assert client.session.get(WELCOME_KEY) == []


def test_leaving_from_the_page_the_last_animator_reads_why_not(client):
    animator = person()
    team = community(animators=[animator])
    signed_in(client, animator)

    response = client.post(reverse("communities:leave", args=[team.slug]), follow=True)

    assert "last animator" in response.content.decode()
    assert team.memberships.filter(user=animator).exists()


def test_settings_are_for_animators_and_administrators(client):
    animator, member = person(), person()
    team = community(animators=[animator], members=[member])
    url = reverse("communities:settings", args=[team.slug])

    assert signed_in(client, member).get(url).status_code == 403
    assert signed_in(client, animator).get(url).status_code == 200
    assert signed_in(client, person(is_superuser=True)).get(url).status_code == 200


def test_the_members_page_is_for_readers_and_animators_manage_requests_there(client):
    animator, member, asker = person(), person(), person(username="asker")
    closed = community(visibility=Visibility.CLOSED, animators=[animator], members=[member])
    asked = join_request(closed, asker)
    url = reverse("communities:members", args=[closed.slug])

    assert signed_in(client, person()).get(url).status_code == 404
    member_view = signed_in(client, member).get(url)
    assert member_view.status_code == 200 and member_view.context["requests"] == []
    animator_view = signed_in(client, animator).get(url)
    assert animator_view.context["requests"] == [asked]

    client.post(reverse("communities:decide", args=[closed.slug, asked.pk]), {"accept": "1"})
    assert closed.memberships.filter(user=asker).exists()


def test_animators_add_promote_and_remove_from_the_members_page(client):
    animator, member = person(), person()
    newcomer = person(username="newcomer")
    team = community(animators=[animator], members=[member])
    signed_in(client, animator)

    client.post(reverse("communities:add_member", args=[team.slug]), {"username": "newcomer"})
    client.post(reverse("communities:set_role", args=[team.slug, member.pk]), {"role": "animator"})
    client.post(reverse("communities:remove_member", args=[team.slug, newcomer.pk]))

    assert dict(team.memberships.values_list("user_id", "role")) == {
        animator.pk: Role.ANIMATOR,
        member.pk: Role.ANIMATOR,
    }


def test_a_member_who_is_not_an_animator_cannot_manage_members(client):
    member, other = person(), person()
    team = community(animators=[person()], members=[member, other])
    signed_in(client, member)

    response = client.post(reverse("communities:remove_member", args=[team.slug, other.pk]))

    assert response.status_code == 403
    assert team.memberships.filter(user=other).exists()


# --- SQL ceilings ------------------------------------------------------------------------


def _directory_world(count: int, me) -> None:
    team = TeamFactory()
    me.profile.team = team
    me.profile.save()
    for number in range(count):
        made = community(name=f"Communauté {number}", members=[person(team=team)])
        made.tags.set([f"tag-{number}", "commun"])
        if number % 3 == 0:
            join_community(user=me, community=made)


@pytest.mark.parametrize("count", [3, 30])
def test_the_directory_costs_the_same_queries_whatever_the_number_of_communities(
    client, django_assert_num_queries, count
):
    me = person()
    _directory_world(count, me)
    signed_in(client, me)
    client.get(reverse("communities:directory"))  # session and caches warm

    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = client.get(reverse("communities:directory"))

    assert response.status_code == 200
    assert len(response.context["communities"]) == min(count, 24)


def _page_world(count: int):
    animator = person()
    team = community(animators=[animator], welcome_message="<p>Salut</p>")
    for _number in range(count):
        member = person()
        join_community(user=member, community=team)
        post(team, author=member)
    return team


@pytest.mark.parametrize("count", [3, 30])
def test_the_community_page_costs_the_same_queries_whatever_its_members_and_posts(
    client, django_assert_num_queries, count
):
    team = _page_world(count)
    reader = person()
    signed_in(client, reader)
    client.get(team.get_absolute_url())

    with django_assert_num_queries(COMMUNITY_PAGE_QUERIES):
        response = client.get(team.get_absolute_url())

    assert response.status_code == 200
    assert response.context["community"].member_count == count + 1


# The reader's unread count comes from the cache (notifications/unread.py), warm on a
# second read.
DIRECTORY_QUERIES = 7
COMMUNITY_PAGE_QUERIES = 18


def test_a_member_let_in_by_an_animator_reads_the_welcome_from_the_notice_link(client):
    member = person()
    team = community(
        visibility=Visibility.CLOSED, members=[member], welcome_message="<p>Bienvenue au jardin</p>"
    )
    outsider = person()

    page = signed_in(client, member).get(f"{team.get_absolute_url()}?welcome=1")
    theirs = signed_in(client, outsider).get(f"{team.get_absolute_url()}?welcome=1")

    assert "Bienvenue au jardin" in page.content.decode()
    assert "Bienvenue au jardin" not in theirs.content.decode()
