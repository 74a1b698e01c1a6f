"""The index follows every change of who may see what, as committed in the database.

A challenge's audience, a page's privacy (added, its groups changed, removed, on the page or
a section above it) and an import that changes them: the former audience stops finding the
title (results and suggestions), the new one finds it, and results keep their import key.
Checked in the embedded mode (database backend, tasks inline) and in the full mode
(OpenSearch, the outbox and the suite's worker).
"""

from functools import partial

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.actions.move_page import MovePageAction
from wagtail.models import PageViewRestriction

from core.models import ExternalKey
from ideas.models import ChallengePage
from search.engine import get_engine
from search.indexing import rebuild
from tests.ideas.factories import challenge, idea
from tests.importing import run_import, write_jsonl
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import TeamFactory, UserFactory, person
from tests.processes import wait_for

INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def embedded(settings):
    """The embedded default: Wagtail's database backend, background tasks run inline."""
    settings.SEARCH_BACKEND = "database"
    settings.TASKS = INLINE_TASKS


def api_titles(client, user, text):
    """Titles (and keys) that `/api/search/` and `/api/search/suggest/` give this user."""
    client.force_login(user)
    found = client.get("/api/search/", {"q": text}).json()
    suggested = client.get("/api/search/suggest/", {"q": text}).json()
    return {
        "results": sorted(hit["title"] for hit in found["results"]),
        "suggestions": sorted(hit["title"] for hit in suggested),
        "keys": sorted(str(hit["key"]) for hit in found["results"]),
    }


def finds(client, user, text, title):
    """True when both the results and the suggestions hold `title` for this user."""
    seen = api_titles(client, user, text)
    return title in seen["results"] and title in seen["suggestions"]


def misses(client, user, text, title):
    """True when neither the results nor the suggestions hold `title` for this user."""
    seen = api_titles(client, user, text)
    return title not in seen["results"] and title not in seen["suggestions"]


def refreshed(check):
    """In the full mode, read the engine after a refresh (new documents become visible)."""

    def run(*args):
        get_engine().refresh()
        return check(*args)

    return run


# --- Embedded mode: the documents are built from the committed rows ------------------------


@pytest.mark.django_db(transaction=True)
def test_a_challenge_moved_to_another_audience_is_found_by_the_new_one_only(embedded, client):
    team_a, team_b = TeamFactory(name="Achats"), TeamFactory(name="Bureau")
    ann, bob = person(username="ann", team=team_a), person(username="bob", team=team_b)
    page = challenge(title="Zeppelin du siège", audience=[team_a])

    assert finds(client, ann, "zeppelin", "Zeppelin du siège")
    assert misses(client, bob, "zeppelin", "Zeppelin du siège")

    page = ChallengePage.objects.get(pk=page.pk)
    page.audience.set([team_b])
    page.save_revision().publish()

    assert misses(client, ann, "zeppelin", "Zeppelin du siège")
    assert finds(client, bob, "zeppelin", "Zeppelin du siège")

    team_a.challenges.add(page)  # from the team's side
    assert finds(client, ann, "zeppelin", "Zeppelin du siège")
    team_b.challenges.clear()
    team_a.challenges.clear()  # no audience left: every employee
    assert finds(client, UserFactory(), "zeppelin", "Zeppelin du siège")


@pytest.mark.django_db(transaction=True)
def test_the_ideas_of_a_challenge_follow_its_new_audience(embedded, client):
    team_a, team_b = TeamFactory(name="Achats"), TeamFactory(name="Bureau")
    ann, bob = person(username="ann", team=team_a), person(username="bob", team=team_b)
    page = challenge(title="Moins de papier", audience=[team_a])
    idea(page, title="Zeppelin recyclé")

    page = ChallengePage.objects.get(pk=page.pk)
    page.audience.set([team_b])
    page.save_revision().publish()

    assert misses(client, ann, "zeppelin", "Zeppelin recyclé")
    assert finds(client, bob, "zeppelin", "Zeppelin recyclé")


@pytest.mark.django_db(transaction=True)
def test_a_page_made_private_then_opened_to_another_group_then_public(embedded, client):
    board, staff = Group.objects.create(name="Board"), Group.objects.create(name="Staff")
    member, colleague, outsider = UserFactory(), UserFactory(), UserFactory()
    member.groups.add(board)
    colleague.groups.add(staff)
    page = publish_standard_page(title="Zanzibar plan", parent=home_page())
    assert finds(client, outsider, "zanzibar", "Zanzibar plan")

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    assert finds(client, member, "zanzibar", "Zanzibar plan")
    assert misses(client, outsider, "zanzibar", "Zanzibar plan")

    restriction.groups.set([staff])
    assert misses(client, member, "zanzibar", "Zanzibar plan")
    assert finds(client, colleague, "zanzibar", "Zanzibar plan")

    restriction.delete()
    assert finds(client, outsider, "zanzibar", "Zanzibar plan")


@pytest.mark.django_db(transaction=True)
def test_a_person_given_or_denied_a_group_finds_its_private_pages_or_no_longer(embedded, client):
    board = Group.objects.create(name="Board")
    person_ = UserFactory()
    page = publish_standard_page(title="Zanzibar plan", parent=home_page())
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    assert misses(client, person_, "zanzibar", "Zanzibar plan")

    person_.groups.add(board)
    assert finds(client, person_, "zanzibar", "Zanzibar plan")

    board.user_set.remove(person_)
    assert misses(client, person_, "zanzibar", "Zanzibar plan")


@pytest.mark.django_db(transaction=True)
def test_privacy_set_on_a_section_hides_the_pages_and_challenges_below_it(embedded, client):
    board = Group.objects.create(name="Board")
    member, outsider = UserFactory(), UserFactory()
    member.groups.add(board)
    section = publish_standard_page(title="Direction", parent=home_page())
    child = publish_standard_page(title="Zanzibar budget", parent=section)
    publish_standard_page(title="Zanzibar grandchild", parent=child)
    page = challenge(title="Zanzibar challenge")
    hub = page.get_parent()

    for parent in (section, hub):
        restriction = PageViewRestriction.objects.create(
            page=parent, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(board)

    for title in ("Zanzibar budget", "Zanzibar grandchild", "Zanzibar challenge"):
        assert misses(client, outsider, "zanzibar", title)
        assert finds(client, member, "zanzibar", title)


@pytest.mark.django_db(transaction=True)
def test_a_page_moved_into_a_private_section_takes_its_privacy_and_address(embedded, client):
    board = Group.objects.create(name="Board")
    member, outsider = UserFactory(), UserFactory()
    member.groups.add(board)
    section = publish_standard_page(title="Direction", parent=home_page())
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    page = publish_standard_page(title="Zanzibar plan", parent=home_page())
    publish_standard_page(title="Zanzibar annex", parent=page)

    MovePageAction(page, section, pos="last-child").execute(skip_permission_checks=True)

    for title in ("Zanzibar plan", "Zanzibar annex"):
        assert misses(client, outsider, "zanzibar", title)
        assert finds(client, member, "zanzibar", title)
    client.force_login(member)
    urls = [hit["url"] for hit in client.get("/api/search/", {"q": "zanzibar"}).json()["results"]]
    assert sorted(urls) == ["/direction/zanzibar-plan/", "/direction/zanzibar-plan/zanzibar-annex/"]


@pytest.mark.django_db(transaction=True)
def test_a_person_moved_to_another_team_finds_what_that_team_may_see(embedded, client):
    team_a, team_b = TeamFactory(name="Achats"), TeamFactory(name="Bureau")
    ann = person(username="ann", team=team_a)
    challenge(title="Zeppelin du bureau", audience=[team_b])
    assert misses(client, ann, "zeppelin", "Zeppelin du bureau")

    ann.profile.team = team_b
    ann.profile.save()
    assert finds(client, ann, "zeppelin", "Zeppelin du bureau")

    team_a.parent = team_b  # a sub-team of an audience is in the audience
    team_a.save()
    ann.profile.team = team_a
    ann.profile.save()
    assert finds(client, ann, "zeppelin", "Zeppelin du bureau")


def import_lines(audience):
    return [
        {"kind": "team", "key": "t-a", "name": "Achats"},
        {"kind": "team", "key": "t-b", "name": "Bureau"},
        *(
            {
                "kind": "person",
                "key": f"p-{name}",
                "first_name": name.title(),
                "last_name": "Martin",
                "email": f"{name}@example.org",
                "team": team,
            }
            for name, team in (("ann", "t-a"), ("bob", "t-b"), ("olga", "t-a"))
        ),
        {
            "kind": "challenge",
            "key": "c-zeppelin",
            "title": "Zeppelin importé",
            "description": "Un défi d'entreprise",
            "owner": "p-olga",
            "opens_at": "2026-01-05T09:00:00+01:00",
            "closes_at": "2027-12-31",
            "audience": audience,
        },
        {
            "kind": "page",
            "key": "page-zeppelin",
            "title": "Zeppelin : le guide",
            "body": "<p>Tout sur le zeppelin.</p>",
        },
    ]


def imported_user(name):
    return ExternalKey.objects.get(kind="person", key=f"p-{name}").content_object.user


@pytest.mark.django_db(transaction=True)
def test_a_reimported_challenge_with_another_audience_moves_in_the_index_with_its_key(
    embedded, client, tmp_path
):
    home_page()
    run_import(write_jsonl(tmp_path, *import_lines(["t-a"])))
    ann, bob = imported_user("ann"), imported_user("bob")

    assert finds(client, ann, "zeppelin", "Zeppelin importé")
    assert misses(client, bob, "zeppelin", "Zeppelin importé")
    assert api_titles(client, ann, "zeppelin")["keys"] == ["c-zeppelin", "page-zeppelin"]

    run_import(write_jsonl(tmp_path, *import_lines(["t-b"])))

    assert misses(client, ann, "zeppelin", "Zeppelin importé")
    assert finds(client, bob, "zeppelin", "Zeppelin importé")
    assert api_titles(client, bob, "zeppelin")["keys"] == ["c-zeppelin", "page-zeppelin"]


@pytest.mark.django_db(transaction=True)
def test_imported_people_and_teams_are_found_with_their_import_key(embedded, client, tmp_path):
    home_page()
    run_import(write_jsonl(tmp_path, *import_lines([])))
    client.force_login(UserFactory())

    people = client.get("/api/search/", {"q": "martin", "kind": "person"}).json()["results"]
    teams = client.get("/api/search/", {"q": "bureau", "kind": "team"}).json()["results"]

    assert sorted(hit["key"] for hit in people) == ["p-ann", "p-bob", "p-olga"]
    assert [hit["key"] for hit in teams] == ["t-b"]


# --- Full mode: OpenSearch, the outbox and the suite's worker ------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_worker_moves_a_challenge_to_its_new_audience(celery_worker, client):
    rebuild()
    team_a, team_b = TeamFactory(name="Achats"), TeamFactory(name="Bureau")
    ann, bob = person(username="ann", team=team_a), person(username="bob", team=team_b)
    page = challenge(title="Zeppelin du siège", audience=[team_a])
    idea(page, title="Zeppelin recyclé")
    wait_for(lambda: refreshed(finds)(client, ann, "zeppelin", "Zeppelin recyclé"))

    page = ChallengePage.objects.get(pk=page.pk)
    page.audience.set([team_b])
    page.save_revision().publish()

    for title in ("Zeppelin du siège", "Zeppelin recyclé"):
        wait_for(partial(refreshed(finds), client, bob, "zeppelin", title), message=title)
        assert refreshed(misses)(client, ann, "zeppelin", title)


@pytest.mark.django_db(transaction=True)
def test_the_worker_follows_a_page_privacy_through_its_groups(celery_worker, client):
    rebuild()
    board, staff = Group.objects.create(name="Board"), Group.objects.create(name="Staff")
    member, colleague, outsider = UserFactory(), UserFactory(), UserFactory()
    member.groups.add(board)
    colleague.groups.add(staff)
    section = publish_standard_page(title="Direction", parent=home_page())
    publish_standard_page(title="Zanzibar plan", parent=section)
    wait_for(lambda: refreshed(finds)(client, outsider, "zanzibar", "Zanzibar plan"))

    # As Wagtail's privacy dialog does it: the restriction, then its groups, no transaction.
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    wait_for(lambda: refreshed(misses)(client, outsider, "zanzibar", "Zanzibar plan"))
    wait_for(lambda: refreshed(finds)(client, member, "zanzibar", "Zanzibar plan"))
    assert refreshed(misses)(client, outsider, "zanzibar", "Zanzibar plan")

    with transaction.atomic():
        restriction.groups.set([staff])
    wait_for(lambda: refreshed(finds)(client, colleague, "zanzibar", "Zanzibar plan"))
    assert refreshed(misses)(client, member, "zanzibar", "Zanzibar plan")
    assert refreshed(misses)(client, outsider, "zanzibar", "Zanzibar plan")

    restriction.delete()
    wait_for(lambda: refreshed(finds)(client, outsider, "zanzibar", "Zanzibar plan"))


@pytest.mark.django_db(transaction=True)
def test_the_worker_indexes_a_reimported_challenge_for_its_new_audience(
    celery_worker, client, tmp_path
):
    rebuild()
    home_page()
    run_import(write_jsonl(tmp_path, *import_lines(["t-a"])))
    ann, bob = imported_user("ann"), imported_user("bob")
    wait_for(lambda: refreshed(finds)(client, ann, "zeppelin", "Zeppelin importé"))
    assert refreshed(misses)(client, bob, "zeppelin", "Zeppelin importé")
    assert api_titles(client, ann, "zeppelin")["keys"] == ["c-zeppelin", "page-zeppelin"]

    run_import(write_jsonl(tmp_path, *import_lines(["t-b"])))

    wait_for(lambda: refreshed(finds)(client, bob, "zeppelin", "Zeppelin importé"))
    assert refreshed(misses)(client, ann, "zeppelin", "Zeppelin importé")
    assert api_titles(client, bob, "zeppelin")["keys"] == ["c-zeppelin", "page-zeppelin"]
