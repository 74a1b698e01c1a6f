"""The `team` and `person` import kinds: HR's system feeds Ruche (DESIGN.md §2)."""

import unicodedata

import pytest
from django.contrib.auth.models import User

from core.models import ExternalKey
from people.models import Profile, Team
from tests.importing import run_import as run
from tests.importing import write_jsonl as write
from tests.people.factories import person


def team(key, name, **fields):
    return {"kind": "team", "key": key, "name": name, **fields}


def employee(key, first, last, email=None, **fields):
    plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    email = email or f"{plain}@example.org".lower()
    return {
        "kind": "person",
        "key": key,
        "first_name": first,
        "last_name": last,
        "email": email,
        **fields,
    }


pytestmark = pytest.mark.django_db


def test_people_are_created_as_users_without_password_linked_to_team_and_manager(tmp_path):
    path = write(
        tmp_path,
        employee("p2", "Lucas", "Moreau", manager="p1", team="it-support", skills=["Linux"]),
        team("it-support", "Support", parent="it"),
        employee("p1", "Inès", "Garnier", team="it", job_title="DSI", languages=["fr", "en"]),
        team("it", "Informatique", description="Le service informatique"),
    )

    out, err = run(path)

    assert err == ""
    assert "team: 2 created, 0 updated, 0 failed" in out
    assert "person: 2 created, 0 updated, 0 failed" in out
    lucas = Profile.objects.get(user__email="lucas.moreau@example.org")
    ines = Profile.objects.get(user__email="ines.garnier@example.org")
    assert lucas.user.username == "lucas.moreau"
    assert not lucas.user.has_usable_password()
    assert lucas.manager == ines
    assert lucas.team.name == "Support"
    assert lucas.team.parent.name == "Informatique"
    assert [t.name for t in lucas.skills.all()] == ["Linux"]
    assert sorted(t.name for t in ines.languages.all()) == ["en", "fr"]
    assert ines.job_title == "DSI"


def test_importing_again_is_idempotent_and_updates_by_key(tmp_path):
    rows = [
        team("it", "Informatique"),
        employee("p1", "Inès", "Garnier", team="it", skills=["Python"]),
    ]
    run(write(tmp_path, *rows))
    username = User.objects.get(email="ines.garnier@example.org").username

    out, _ = run(write(tmp_path, *rows, name="again.jsonl"))
    assert "person: 0 created, 1 updated, 0 failed" in out
    assert "team: 0 created, 1 updated, 0 failed" in out

    changed = employee(
        "p1", "Inès", "Garnier-Roy", email="ines.roy@example.org", skills=["Go", "Python"]
    )
    run(write(tmp_path, team("it", "DSI"), changed, name="changed.jsonl"))

    assert User.objects.count() == 1
    assert Profile.objects.count() == 1 and Team.objects.count() == 1
    profile = Profile.objects.get()
    assert profile.user.username == username, "the username stays stable"
    assert profile.user.email == "ines.roy@example.org"
    assert profile.user.last_name == "Garnier-Roy"
    assert profile.team is None
    assert sorted(t.name for t in profile.skills.all()) == ["Go", "Python"]
    assert Team.objects.get().name == "DSI"
    assert ExternalKey.objects.filter(kind="person").count() == 1


def test_an_existing_account_with_the_same_email_is_adopted(tmp_path):
    camille = person(username="camille", email="camille@demo.ruche.example").profile

    run(write(tmp_path, employee("p-camille", "Camille", "Martin", "Camille@demo.ruche.example")))

    camille.refresh_from_db()
    assert User.objects.count() == 1
    assert camille.user.username == "camille"
    assert camille.user.last_name == "Martin"
    assert camille.user.has_usable_password(), "a local account keeps its password"


def test_usernames_are_made_unique(tmp_path):
    run(
        write(
            tmp_path,
            employee("a", "Marie", "Dupont", "marie@one.example"),
            employee("b", "Marie", "Durand", "marie@two.example"),
        )
    )

    assert sorted(User.objects.values_list("username", flat=True)) == ["marie", "marie2"]


def test_bad_lines_are_reported_and_valid_ones_kept(tmp_path):
    path = write(
        tmp_path,
        employee("ok", "Paul", "Roux"),
        {"kind": "person", "key": "no-email", "first_name": "A", "last_name": "B"},
        employee("bad-email", "Jean", "Bon", "not-an-email"),
        employee("dup", "Paul", "Roux"),
        employee("dangling", "Zoé", "Faure", team="nowhere"),
        employee("bad-skills", "Léa", "Blanc", skills="Python"),
        {"kind": "team", "key": "t-no-name"},
    )

    _, err = run(path, expect_failure=True)

    lines = err.strip().splitlines()
    assert f"{path}:2: missing field 'email'" in lines
    assert f"{path}:3: invalid email 'not-an-email'" in lines
    assert f"{path}:4: email 'paul.roux@example.org' belongs to another imported person" in lines
    assert f"{path}:5: unknown team 'nowhere' (not in this import nor in Ruche)" in lines
    assert f"{path}:6: field 'skills' must be a list of strings" in lines
    assert f"{path}:7: missing field 'name'" in lines
    assert list(Profile.objects.values_list("user__email", flat=True)) == ["paul.roux@example.org"]


def test_an_email_taken_by_another_person_is_refused_on_update(tmp_path):
    run(write(tmp_path, employee("a", "Anne", "Petit"), employee("b", "Bruno", "Petit")))

    path = write(tmp_path, employee("b", "Bruno", "Petit", "anne.petit@example.org"), name="x")
    _, err = run(path, expect_failure=True)

    assert f"{path}:1: email 'anne.petit@example.org' belongs to another person" in err
    assert User.objects.filter(email="bruno.petit@example.org").exists()


def test_a_manager_cycle_within_the_file_is_refused(tmp_path):
    path = write(
        tmp_path,
        employee("a", "Anne", "A", manager="b"),
        employee("b", "Bruno", "B", manager="a"),
        employee("c", "Chloé", "C"),
    )

    _, err = run(path, expect_failure=True)

    assert f"{path}:1: cycle: a -> b -> a" in err or f"{path}:1: cycle: b -> a -> b" in err
    assert f"{path}:2:" in err
    assert list(Profile.objects.values_list("user__first_name", flat=True)) == ["Chloé"]


def test_a_manager_cycle_with_people_already_in_ruche_is_refused(tmp_path):
    run(
        write(
            tmp_path,
            employee("boss", "Anne", "Boss"),
            employee("mid", "Marc", "Mid", manager="boss"),
            employee("low", "Lina", "Low", manager="mid"),
        )
    )

    path = write(tmp_path, employee("boss", "Anne", "Boss", manager="low"), name="cycle.jsonl")
    _, err = run(path, expect_failure=True)

    assert f"{path}:1: Lina Low reports to Anne Boss already: this would form a cycle." in err
    assert Profile.objects.get(user__last_name="Boss").manager is None

    path = write(tmp_path, employee("boss", "Anne", "Boss", manager="boss"), name="self.jsonl")
    _, err = run(path, expect_failure=True)
    assert "cycle" in err


def test_a_team_cycle_with_teams_already_in_ruche_is_refused(tmp_path):
    run(write(tmp_path, team("top", "Direction"), team("it", "IT", parent="top")))

    path = write(tmp_path, team("top", "Direction", parent="it"), name="cycle.jsonl")
    _, err = run(path, expect_failure=True)

    assert f"{path}:1: IT is inside Direction already: this would form a cycle." in err
    assert Team.objects.get(name="Direction").parent is None


def test_a_team_cycle_within_the_file_is_refused(tmp_path):
    path = write(tmp_path, team("a", "A", parent="b"), team("b", "B", parent="a"))

    _, err = run(path, expect_failure=True)

    assert f"{path}:1: cycle" in err and f"{path}:2: cycle" in err
    assert not Team.objects.exists()


def test_imported_people_are_indexed_in_batches_after_the_run(tmp_path):
    from core.models import OutboxTask

    run(write(tmp_path, *[employee(f"p{n}", "Jean", f"N{n}") for n in range(3)]))

    syncs = OutboxTask.objects.filter(task_path="search.tasks.sync_documents", args__0="person")
    ids = sorted(Profile.objects.values_list("pk", flat=True))
    assert [sorted(map(int, task.args[1])) for task in syncs] == [ids]

    OutboxTask.objects.all().delete()
    run(write(tmp_path, employee("p0", "Jean", "N0", skills=["Go"]), name="tags.jsonl"))

    syncs = OutboxTask.objects.filter(task_path="search.tasks.sync_documents", args__0="person")
    changed = Profile.objects.get(user__last_name="N0").pk
    assert [task.args[1] for task in syncs] == [[str(changed)]]


def test_import_reports_stay_in_english_whatever_the_active_language(tmp_path):
    from django.utils import translation

    run(
        write(
            tmp_path,
            employee("boss", "Anne", "Boss"),
            employee("low", "Lina", "Low", manager="boss"),
        )
    )
    path = write(tmp_path, employee("boss", "Anne", "Boss", manager="low"), name="cycle.jsonl")

    with translation.override("fr"):
        _, err = run(path, expect_failure=True)

    assert "Lina Low reports to Anne Boss already: this would form a cycle." in err


def test_the_same_person_twice_in_one_run_ends_with_the_last_line(tmp_path):
    path = write(
        tmp_path,
        employee("p1", "Anne", "Petit", skills=["Go"], languages=["fr"]),
        employee("p1", "Anne", "Petit", skills=["Rust"], languages=["fr"]),
        name="twice.jsonl",
    )

    run(path)

    profile = Profile.objects.get()
    assert [t.name for t in profile.skills.all()] in (["Go"], ["Rust"])
    assert [t.name for t in profile.languages.all()] == ["fr"]
