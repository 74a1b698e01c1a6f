"""People and teams as the unified search sees them."""

import pytest

from core.findable import registry
from people.search import person_document, team_document
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


def test_a_person_is_found_by_name_job_title_team_skills_and_languages():
    team = TeamFactory(name="Informatique", slug="it")
    profile = person(
        first_name="Inès",
        last_name="Garnier",
        job_title="Directrice des systèmes d'information",
        team=team,
        skills=["Kubernetes", "RGPD"],
        languages=["anglais"],
        key="hr-42",
    ).profile

    document = person_document(profile)

    assert document.kind == "person" and document.title == "Inès Garnier"
    assert document.object_id == str(profile.pk)
    assert document.url == f"/people/{profile.user.username}/"
    for text in ["Directrice des systèmes", "Informatique", "Kubernetes", "RGPD", "anglais"]:
        assert text in document.body
    assert document.tags == ["Kubernetes", "RGPD", "anglais"]
    assert document.teams == ["Informatique"]
    assert document.key == "hr-42"
    assert document.audience_team_ids is None and document.group_ids is None


def test_a_fuller_profile_gets_a_higher_boost_between_1_and_1_5():
    empty = person_document(person().profile)
    full = person_document(
        person(
            job_title="Juriste",
            team=TeamFactory(),
            manager=person(),
            location="Nantes",
            phone="01",
            bio="…",
            skills=["droit"],
            languages=["fr"],
        ).profile
    )

    assert empty.boost == 1.0
    assert 1.0 < full.boost <= 1.5


def test_a_deactivated_or_disabled_person_is_not_findable():
    from django.utils import timezone

    left = person(deactivated_at=timezone.now()).profile
    disabled = person().profile
    disabled.user.is_active = False
    disabled.user.save()

    assert person_document(left) is None
    assert person_document(disabled) is None
    assert left not in registry["person"].queryset()


def test_a_team_is_found_by_name_description_and_parents():
    top = TeamFactory(name="Direction")
    it = TeamFactory(name="Informatique", parent=top, description="Postes et réseaux")
    support = TeamFactory(name="Support", slug="support", parent=it)

    document = team_document(support)

    assert document.kind == "team" and document.title == "Support"
    assert document.url == "/people/teams/support/"
    assert "Informatique" in document.body and "Direction" in document.body
    assert document.teams == ["Support", "Informatique", "Direction"]
    assert "Postes et réseaux" in team_document(it).body


def test_renaming_a_team_reindexes_its_members_and_sub_teams():
    from django.db import transaction

    from core.models import OutboxTask

    top = TeamFactory(name="Direction")
    sub = TeamFactory(name="IT", parent=top)
    member = person(team=top).profile
    OutboxTask.objects.all().delete()

    with transaction.atomic():
        top.name = "Direction générale"
        top.save()

    syncs = {
        (task.args[0], tuple(task.args[1]))
        for task in OutboxTask.objects.filter(task_path="search.tasks.sync_documents")
    }
    assert ("team", (str(top.pk),)) in syncs
    assert ("team", (str(sub.pk),)) in syncs
    assert ("person", (str(member.pk),)) in syncs
