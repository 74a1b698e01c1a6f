"""`import_content` as DESIGN.md §2 promises it to integrators."""

import json

import pytest
from django.core.management import CommandError, call_command

from core.models import ExternalKey
from intranet.models import StandardPage
from search.models import Synonym
from tests.importing import run_import as run
from tests.importing import write_jsonl as write_lines
from tests.intranet.factories import home_page

pytestmark = pytest.mark.usefixtures("home")  # every import lands under the home page


def page(key, title, **fields):
    return {"kind": "page", "key": key, "title": title, "body": f"Texte de {title}", **fields}


def test_pages_are_created_under_the_home_page_and_published(tmp_path):
    path = write_lines(tmp_path, page("p1", "Télétravail", tags=["RH"], language="fr"))

    out, err = run(path)

    imported = StandardPage.objects.get(title="Télétravail")
    assert imported.live
    assert imported.get_parent().specific == home_page()
    assert [tag.name for tag in imported.tags.all()] == ["RH"]
    assert "page: 1 created, 0 updated, 0 failed" in out
    assert err == ""


def test_a_page_may_name_its_content_owner_and_review_date(tmp_path):
    owner = {
        "kind": "person",
        "key": "e-42",
        "email": "jeanne.dupont@example.org",
        "first_name": "Jeanne",
        "last_name": "Dupont",
    }
    path = write_lines(
        tmp_path, page("p1", "Notes de frais", owner="e-42", review_date="2026-03-01"), owner
    )

    run(path)

    imported = StandardPage.objects.get(title="Notes de frais")
    assert imported.content_owner.email == "jeanne.dupont@example.org"
    assert imported.review_date.isoformat() == "2026-03-01"


def test_a_review_date_that_is_not_a_day_is_reported_on_its_line(tmp_path):
    path = write_lines(tmp_path, page("ok", "Valide"), page("bad", "Invalide", review_date="mars"))

    _, err = run(path, expect_failure=True)

    assert "content.jsonl:2: field 'review_date' must be a date (YYYY-MM-DD)" in err
    assert list(StandardPage.objects.values_list("title", flat=True)) == ["Valide"]


def test_importing_the_same_key_again_updates_instead_of_duplicating(tmp_path):
    run(write_lines(tmp_path, page("p1", "Ancien titre")))

    out, _ = run(write_lines(tmp_path, page("p1", "Nouveau titre"), name="again.jsonl"))

    assert list(StandardPage.objects.values_list("title", flat=True)) == ["Nouveau titre"]
    assert ExternalKey.objects.filter(kind="page", key="p1").count() == 1
    assert "page: 0 created, 1 updated, 0 failed" in out


def test_a_child_may_come_before_its_parent_in_the_file(tmp_path):
    path = write_lines(tmp_path, page("child", "Enfant", parent="parent"), page("parent", "Parent"))

    run(path)

    child = StandardPage.objects.get(title="Enfant")
    assert child.get_parent().title == "Parent"


def test_each_bad_line_is_reported_with_its_file_and_line_and_valid_lines_are_kept(tmp_path):
    path = write_lines(
        tmp_path,
        page("ok-1", "Valide un"),
        "{not json",
        {"kind": "spaceship", "key": "x"},
        {"kind": "page", "key": "no-title", "body": "…"},
        page("orphan", "Orpheline", parent="nowhere"),
        {"kind": "page", "title": "Sans clé", "body": "…"},
        page("ok-2", "Valide deux"),
    )

    _, err = run(path, expect_failure=True)

    assert sorted(StandardPage.objects.values_list("title", flat=True)) == [
        "Valide deux",
        "Valide un",
    ]
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{path}:2: invalid JSON")
    assert lines[1].startswith(f"{path}:3: unknown kind 'spaceship' (known: ")
    known = lines[1].split("(known: ", 1)[1].rstrip(")").split(", ")
    assert {"page", "synonym"} <= set(known) and known == sorted(known)  # apps add kinds
    assert lines[2] == f"{path}:4: missing field 'title'"
    assert lines[3] == f"{path}:5: unknown page 'nowhere' (not in this import nor in Ruche)"
    assert lines[4] == f"{path}:6: missing field 'key'"
    assert len(lines) == 5


def test_a_reference_may_point_to_an_object_imported_earlier(tmp_path):
    run(write_lines(tmp_path, page("parent", "Parent")))

    run(write_lines(tmp_path, page("child", "Enfant", parent="parent"), name="later.jsonl"))

    assert StandardPage.objects.get(title="Enfant").get_parent().title == "Parent"


def test_a_parent_cycle_is_refused_on_each_line_of_the_cycle(tmp_path):
    path = write_lines(
        tmp_path, page("a", "A", parent="b"), page("b", "B", parent="a"), page("c", "C")
    )

    _, err = run(path, expect_failure=True)

    assert f"{path}:1: cycle:" in err
    assert f"{path}:2: cycle:" in err
    assert list(StandardPage.objects.values_list("title", flat=True)) == ["C"]


def test_a_line_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(page("ok", "Valide")).encode() + b"\n" + b'{"title": "\xe9"}\n')

    _, err = run(path, expect_failure=True)

    assert f"{path}:2: not valid UTF-8" in err
    assert StandardPage.objects.filter(title="Valide").exists()


def test_html_bodies_are_sanitised_and_plain_text_is_escaped(tmp_path):
    path = write_lines(
        tmp_path,
        page("html", "HTML", body='<p onclick="x()">Bonjour</p><script>alert(1)</script>'),
        page("text", "Texte", body="1 < 2 & <b>pas du HTML"),
    )

    run(path)

    html_body = str(StandardPage.objects.get(title="HTML").body[0].value)
    assert "<script" not in html_body and "onclick" not in html_body and "Bonjour" in html_body
    text_body = str(StandardPage.objects.get(title="Texte").body[0].value.source)
    assert "<script" not in text_body


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_content", str(tmp_path / "absent.jsonl"))


def test_synonyms_are_stored_and_updated_by_key(tmp_path):
    run(write_lines(tmp_path, {"kind": "synonym", "key": "s", "terms": ["RGPD", "GDPR"]}))
    run(
        write_lines(
            tmp_path,
            {"kind": "synonym", "key": "s", "terms": ["RGPD", "GDPR", "protection des données"]},
            name="again.jsonl",
        )
    )

    assert [synonym.term_list for synonym in Synonym.objects.all()] == [
        ["RGPD", "GDPR", "protection des données"]
    ]


def test_a_synonym_needs_two_terms(tmp_path):
    path = write_lines(tmp_path, {"kind": "synonym", "key": "s", "terms": ["seul"]})

    _, err = run(path, expect_failure=True)

    assert f"{path}:1: field 'terms' needs two or more words or phrases" in err
    assert not Synonym.objects.exists()
