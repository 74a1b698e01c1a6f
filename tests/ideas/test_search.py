"""Search documents of challenges and ideas carry the audience and hide what must be hidden."""

import os

import pytest
from django.utils import timezone

from core.findable import registry
from ideas.models import StatusChange
from ideas.search import challenge_document, idea_document
from tests.ideas.factories import challenge, idea
from tests.intranet.factories import publish_standard_page
from tests.people.factories import TeamFactory, person


def test_both_kinds_are_registered(db):
    assert {"challenge", "idea"} <= set(registry)


def test_a_challenge_document_carries_its_audience(db):
    it = TeamFactory(name="IT")
    restricted = challenge(title="Défi IT", audience=[it])
    restricted.tags.add("RSE")
    restricted.save()
    open_to_all = challenge(title="Pour tous")

    document = challenge_document(restricted)

    assert document.kind == "challenge" and document.title == "Défi IT"
    assert document.audience_team_ids == [it.pk]
    assert "Comment réduire" in document.body and "<p>" not in document.body
    assert challenge_document(open_to_all).audience_team_ids is None


def test_an_unpublished_challenge_is_not_findable(db):
    page = challenge()
    page.unpublish()
    page.refresh_from_db()

    assert challenge_document(page) is None


def test_an_idea_document_carries_the_challenge_audience(db):
    it = TeamFactory(name="IT")
    target = idea(challenge(audience=[it]), title="Wiki", author=person(username="a", team=it))
    target.tags.add("partage")

    document = idea_document(target)

    assert document.kind == "idea" and document.url == f"/ideas/{target.pk}/"
    assert document.audience_team_ids == [it.pk]
    assert document.tags == ["partage"] and document.teams == ["IT"]
    assert target.author.last_name in document.body


def test_an_anonymous_idea_never_carries_its_author(db):
    team = TeamFactory(name="Équipe secrète")
    author = person(username="hidden", team=team)
    author.first_name, author.last_name = "Zoé", "Mystère"
    author.save()
    target = idea(challenge(), author=author, anonymous=True, title="Chut")

    document = idea_document(target)

    flat = repr(document.__dict__)
    assert "Mystère" not in flat and "Zoé" not in flat and "hidden" not in flat
    assert "secrète" not in flat


def test_hidden_and_merged_ideas_are_not_findable(db):
    campaign = challenge()
    kept = idea(campaign)

    assert idea_document(idea(campaign, hidden_at=timezone.now())) is None
    assert idea_document(idea(campaign, merged_into=kept)) is None
    assert idea_document(kept) is not None


def test_owner_answers_are_searchable_with_the_idea(db):
    from ideas.services import answer_idea

    owner = person(username="owner")
    target = idea(challenge(owner=owner))
    answer_idea(user=owner, idea=target, status="selected", message="Pilote en mars")

    assert "Pilote en mars" in idea_document(target).body


def test_documents_of_the_whole_queryset_take_a_constant_number_of_queries(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.models import ExternalKey
    from search.pages import view_restrictions_preloaded

    it = TeamFactory(name="IT")
    owner = person(username="owner")

    def build_all():
        # As a rebuild or a batch of updates does: page privacy read once for all documents.
        with CaptureQueriesContext(connection) as captured, view_restrictions_preloaded():
            ideas = [idea_document(one) for one in registry["idea"].queryset()]
            challenges = [challenge_document(one) for one in registry["challenge"].queryset()]
        return len(captured), ideas, challenges

    first = challenge(owner=owner, title="Un", audience=[it])
    ExternalKey.objects.create(kind="challenge", key="c-1", content_object=first)
    one = idea(first, author=person(username="a0", team=it))
    ExternalKey.objects.create(kind="idea", key="i-0", content_object=one)
    build_all()  # what is read once per process (content types, the site's root) is read here
    few, _ideas, _challenges = build_all()
    for n in range(1, 6):
        page = challenge(owner=owner, title=f"Défi {n}", audience=[it] if n % 2 else [])
        for m in range(3):
            made = idea(page, title=f"Idée {n}-{m}", author=person(username=f"a{n}{m}", team=it))
            made.tags.add("t")
            StatusChange.objects.create(
                idea=made, from_status="submitted", to_status="selected", message="<p>Oui</p>"
            )
    many, ideas, challenges = build_all()

    assert many == few
    assert {document.key for document in ideas} == {"i-0", None}
    assert [d.audience_team_ids for d in challenges if d.title == "Un"] == [[it.pk]]
    assert all(document.body for document in ideas)


@pytest.mark.django_db(transaction=True)
def test_the_page_search_never_shows_a_challenge(search_index):
    from django.core.management import call_command
    from wagtail.models import Page

    challenge(title="Licornes confidentielles", audience=[TeamFactory(name="IT")])
    publish_standard_page(title="Licornes publiques")
    with open(os.devnull, "w") as quiet:
        call_command("update_index", stdout=quiet)

    found = [page.title for page in Page.objects.live().search("Licornes")]
    assert found == ["Licornes publiques"]
