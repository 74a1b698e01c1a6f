"""Import kind `post` (DESIGN.md §2): posts and questions of a community, with comments and
an accepted answer; a re-import updates rather than duplicates."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from communities.models import Post, Visibility
from communities.selectors.posts import post_for
from core.conversations.models import Comment
from core.models import ExternalKey
from tests.communities.factories import community
from tests.importing import run_import as run
from tests.importing import write_jsonl as write
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {key: person(username=key, key=f"p-{key}") for key in ("ana", "bob", "cleo")}


@pytest.fixture
def kitchen(people):
    """A community known by its import key, as the `community` kind leaves it."""
    made = community(name="Cuisine", visibility=Visibility.CLOSED, members=[people["ana"]])
    ExternalKey.objects.create(
        kind="community",
        key="c-cuisine",
        content_type=ContentType.objects.get_for_model(made),
        object_id=str(made.pk),
    )
    return made


def a_question(**fields):
    return {
        "kind": "post",
        "key": "p-four",
        "community": "c-cuisine",
        "author": "p-ana",
        "type": "question",
        "title": "Quel four ?",
        "body": "Gaz ou bois ? <script>alert(1)</script>",
        "created_at": "2026-03-01T10:00:00Z",
        "tags": ["four", "Four"],
        "comments": [
            {"author": "p-bob", "body": "Bois", "created_at": "2026-03-01T11:00:00Z"},
            {"author": "p-cleo", "body": "Gaz", "created_at": "2026-03-01T12:00:00Z"},
        ],
        "accepted_answer": 1,
        **fields,
    }


def test_a_question_is_imported_with_its_comments_and_accepted_answer(tmp_path, kitchen, people):
    out, _ = run(write(tmp_path, a_question()))
    assert "post: 1 created" in out
    imported = Post.objects.get()
    assert imported.community == kitchen and imported.author == people["ana"]
    assert "<script" not in imported.body and imported.tags.count() == 1
    assert imported.comment_count == 2 and imported.accepted_answer.body == "<p>Gaz</p>"
    assert imported.announced_at is not None and imported.publish_at.year == 2026
    assert post_for(people["ana"], kitchen, imported.pk) == imported
    assert post_for(people["bob"], kitchen, imported.pk) is None  # not a member: closed


def test_a_reimport_updates_the_post_and_its_comments(tmp_path, kitchen):
    run(write(tmp_path, a_question()))
    line = a_question(
        title="Quel four à pain ?",
        comments=[{"author": "p-bob", "body": "Bois, vraiment"}],
        accepted_answer=0,
    )
    out, _ = run(write(tmp_path, line, name="again.jsonl"))
    assert "post: 0 created, 1 updated" in out
    imported = Post.objects.get()
    assert imported.title == "Quel four à pain ?" and imported.comment_count == 1
    assert list(Comment.objects.values_list("body", flat=True)) == ["<p>Bois, vraiment</p>"]
    assert imported.accepted_answer.body == "<p>Bois, vraiment</p>"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"community": "c-inconnue"}, "unknown community 'c-inconnue'"),
        ({"accepted_answer": 5}, "accepted_answer"),
        ({"type": "post", "accepted_answer": 0}, "only a question"),
        ({"title": ""}, "a question needs a 'title'"),
        ({"type": "sondage"}, "field 'type' must be one of"),
        ({"comments": [{"author": "p-bob"}]}, "comment 1: missing field 'body'"),
    ],
)
def test_bad_lines_are_refused_with_a_reason(tmp_path, kitchen, fields, message):
    out, err = run(write(tmp_path, a_question(**fields)), expect_failure=True)
    assert message in out + err
    assert not Post.objects.exists()
