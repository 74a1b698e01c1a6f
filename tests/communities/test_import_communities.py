"""Import kind `community` (DESIGN.md §2): created, then updated by key without duplicates;
errors name the line."""

from __future__ import annotations

import pytest

from communities.models import Community, Role, Visibility
from core.models import ExternalKey
from tests.communities.factories import join
from tests.importing import run_import as run
from tests.importing import write_jsonl as write
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {key: person(username=key, key=f"p-{key}") for key in ("ana", "bob", "cyd")}


def a_community(**fields):
    return {
        "kind": "community",
        "key": "c-velo",
        "name": "Vélo au travail",
        "description": "Pédaler <b>ensemble</b>",
        "visibility": "closed",
        "members": ["p-bob", "p-cyd"],
        "animators": ["p-ana"],
        "tags": ["mobilité", "RSE"],
        **fields,
    }


def test_a_community_is_created_with_its_members_animators_and_tags(tmp_path, people):
    out, err = run(write(tmp_path, a_community()))

    made = Community.objects.get()
    assert (made.name, made.slug, made.visibility) == (
        "Vélo au travail",
        "velo-au-travail",
        Visibility.CLOSED,
    )
    assert made.description == "Pédaler ensemble"
    assert dict(made.memberships.values_list("user__username", "role")) == {
        "ana": Role.ANIMATOR,
        "bob": Role.MEMBER,
        "cyd": Role.MEMBER,
    }
    assert sorted(tag.name for tag in made.tags.all()) == ["RSE", "mobilité"]
    assert ExternalKey.objects.filter(kind="community", key="c-velo").exists()
    assert err == ""


def test_importing_again_updates_without_duplicating_and_keeps_members_added_since(
    tmp_path, people
):
    run(write(tmp_path, a_community()))
    made = Community.objects.get()
    newcomer = person()
    join(made, newcomer)

    run(write(tmp_path, a_community(name="Vélo", visibility="open", animators=["p-ana", "p-bob"])))

    made.refresh_from_db()
    assert Community.objects.count() == 1
    assert (made.name, made.slug, made.visibility) == ("Vélo", "velo-au-travail", "open")
    assert made.memberships.get(user=people["bob"]).role == Role.ANIMATOR
    assert made.memberships.filter(user=newcomer).exists()


def test_defaults_to_open_with_only_a_name(tmp_path, people):
    run(write(tmp_path, {"kind": "community", "key": "c-min", "name": "Minimale"}))

    assert Community.objects.get().visibility == Visibility.OPEN


def test_bad_lines_are_reported_by_line_and_the_others_imported(tmp_path, people):
    path = write(
        tmp_path,
        a_community(key="c-ok"),
        {"kind": "community", "key": "c-noname"},
        a_community(key="c-bad", visibility="private"),
        a_community(key="c-ghost", members=["p-nobody"]),
    )

    _out, err = run(path, expect_failure=True)

    assert Community.objects.count() == 1
    assert f"{path}:2:" in err and "name" in err
    assert f"{path}:3:" in err and "visibility" in err
    assert f"{path}:4:" in err and "p-nobody" in err
