"""Import kinds `challenge` and `idea` (DESIGN.md §2)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from agenda.models import Event
from core.conversations.models import Comment
from core.models import ExternalKey
from ideas.models import ChallengePage, Idea, IdeasHubPage, StatusChange, Vote
from ideas.selectors import answers_to_ideas_of, challenge_stats
from tests.importing import run_import as run
from tests.importing import write_jsonl as write
from tests.intranet.factories import home_page
from tests.people.factories import TeamFactory, person, team_key


@pytest.fixture
def people(db):
    home_page()
    team = TeamFactory(name="IT")
    team_key(team, "t-it")
    return {
        key: person(username=key, team=team, key=f"p-{key}")
        for key in ("olivier", "camille", "elise", "mathilde")
    }


def a_challenge(**fields):
    return {
        "kind": "challenge",
        "key": "c-papier",
        "title": "Moins de papier",
        "description": "Comment imprimer moins ?",
        "owner": "p-olivier",
        "opens_at": "2026-01-05T09:00:00+01:00",
        "closes_at": "2026-12-31",
        "audience": ["t-it"],
        "tags": ["RSE"],
        **fields,
    }


def an_idea(**fields):
    return {
        "kind": "idea",
        "key": "i-recto",
        "challenge": "c-papier",
        "title": "Recto verso",
        "description": "Par défaut <script>alert(1)</script>",
        "author": "p-camille",
        "created_at": "2026-02-01T10:00:00Z",
        "tags": ["impression"],
        "status": "selected",
        "answer": {
            "status": "selected",
            "message": "Retenue pour 2027 <script>alert(1)</script>",
            "by": "p-olivier",
            "at": "2026-03-01T10:00:00Z",
        },
        "voters": ["p-elise", "p-mathilde"],
        "comments": [
            {"author": "p-elise", "body": "Oui !", "created_at": "2026-02-02T10:00:00Z"},
            {"author": "p-mathilde", "body": "Bonne idée"},
        ],
        **fields,
    }


def test_a_challenge_and_its_ideas_are_created_under_a_new_hub(tmp_path, people):
    out, err = run(write(tmp_path, an_idea(), a_challenge()))

    hub = IdeasHubPage.objects.get()
    page = ChallengePage.objects.get()
    assert hub.slug == "idees" and page.get_parent().pk == hub.pk and page.live
    assert page.challenge_owner == people["olivier"]
    assert [team.name for team in page.audience.all()] == ["IT"]
    assert page.opens_at.isoformat().startswith("2026-01-05T08:00:00")
    imported = Idea.objects.get()
    assert imported.status == "selected" and imported.author == people["camille"]
    assert "<script" not in imported.description
    assert imported.vote_count == 2 == Vote.objects.count()
    assert imported.comment_count == 2
    assert [c.author.username for c in Comment.objects.order_by("import_ref")] == [
        "elise",
        "mathilde",
    ]
    assert "challenge: 1 created" in out and "idea: 1 created" in out and err == ""


def test_importing_again_updates_without_duplicating(tmp_path, people):
    run(write(tmp_path, a_challenge(), an_idea()))

    out, _ = run(
        write(
            tmp_path,
            a_challenge(title="Zéro papier"),
            an_idea(title="Recto verso partout", voters=["p-elise"], comments=[]),
            name="again.jsonl",
        )
    )

    assert list(ChallengePage.objects.values_list("title", flat=True)) == ["Zéro papier"]
    imported = Idea.objects.get()
    assert imported.title == "Recto verso partout"
    assert imported.created_at.year == 2026
    # Voters are added, never removed: votes cast in Ruche since the last import are kept.
    assert imported.vote_count == 2 == Vote.objects.count()
    assert imported.comment_count == 0 and not Comment.objects.exists()
    assert "challenge: 0 created, 1 updated" in out and "idea: 0 created, 1 updated" in out


def test_missing_fields_dangling_references_and_bad_values_are_reported(tmp_path, people):
    path = write(
        tmp_path,
        a_challenge(),
        {**a_challenge(key="c-2"), "owner": None},
        a_challenge(key="c-3", owner="p-nobody"),
        a_challenge(key="c-4", opens_at="demain"),
        a_challenge(key="c-5", opens_at="2026-12-31", closes_at="2026-01-01"),
        an_idea(key="i-2", challenge="c-nowhere"),
        an_idea(key="i-3", status="adopted"),
        an_idea(key="i-4", voters=["p-ghost"]),
        an_idea(key="i-5", comments=[{"author": "p-elise"}]),
        an_idea(key="i-6"),
    )

    _, err = run(path, expect_failure=True)

    lines = err.strip().splitlines()
    assert lines == [
        f"{path}:2: missing field 'owner'",
        f"{path}:3: unknown person 'p-nobody' (not in this import nor in Ruche)",
        f"{path}:4: field 'opens_at' must be an ISO 8601 date",
        f"{path}:5: The phase dates must follow each other: opens, voting, review, closes.",
        f"{path}:6: unknown challenge 'c-nowhere' (not in this import nor in Ruche)",
        f"{path}:7: field 'status' must be one of submitted, under_review, selected, "
        "implemented, rejected",
        f"{path}:8: unknown person 'p-ghost' (not in this import nor in Ruche)",
        f"{path}:9: comment 1: missing field 'body'",
    ]
    assert ChallengePage.objects.count() == 1
    assert list(ExternalKey.objects.filter(kind="idea").values_list("key", flat=True)) == ["i-6"]


def test_an_idea_may_point_to_a_challenge_imported_earlier(tmp_path, people):
    run(write(tmp_path, a_challenge()))
    run(write(tmp_path, an_idea(), name="later.jsonl"))

    assert Idea.objects.get().challenge.title == "Moins de papier"


def test_imported_votes_ignore_the_phase_but_not_one_vote_per_person(tmp_path, people):
    closed = a_challenge(opens_at="2020-01-01", closes_at="2020-02-01")
    run(write(tmp_path, closed, an_idea(voters=["p-elise", "p-elise"])))

    assert Idea.objects.get().vote_count == 1
    assert Idea.objects.get().challenge.phase(timezone.now()) == "closed"


def test_an_anonymous_idea_stays_anonymous_when_imported_again(tmp_path, people):
    campaign = a_challenge(allow_anonymous_ideas=True)
    run(write(tmp_path, campaign, an_idea(status="submitted", answer=None, anonymous=True)))

    public = an_idea(status="submitted", answer=None, anonymous=False)
    path = write(tmp_path, public, name="again.jsonl")
    _, err = run(path, expect_failure=True)
    unsaid = an_idea(status="submitted", answer=None, title="Sans le champ")
    run(write(tmp_path, unsaid, name="third.jsonl"))

    assert err.strip() == f"{path}:1: an anonymous idea cannot be made public"
    assert Idea.objects.get().anonymous is True


def test_an_imported_decided_idea_reads_as_answered_everywhere(client, tmp_path, people):
    run(write(tmp_path, a_challenge(), an_idea()))

    imported = Idea.objects.get()
    change = StatusChange.objects.get()
    assert (change.idea, change.from_status) == (imported, "submitted")
    assert change.to_status == "selected"
    assert change.author == people["olivier"] and "<script" not in change.message
    assert change.created_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
    client.force_login(people["elise"])
    page = client.get(imported.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Retenue pour 2027" in page and "No answer yet" not in page
    api = client.get(f"/api/ideas/{imported.pk}/").json()
    assert [(step["to_status"], step["message"]) for step in api["history"]] == [
        ("selected", "Retenue pour 2027 ")
    ]
    stats = challenge_stats(imported.challenge)
    assert stats["answered_share"] == 1.0
    assert stats["median_first_answer"] == timedelta(days=28, hours=0)
    since = datetime(2026, 3, 1, tzinfo=UTC)
    answers = answers_to_ideas_of(people["camille"], since=since, until=since + timedelta(days=1))
    assert list(answers) == [change]


def test_importing_the_answer_again_updates_it_without_a_second_step(tmp_path, people):
    run(write(tmp_path, a_challenge(), an_idea()))
    answer = {"status": "implemented", "message": "Fait", "by": "p-olivier", "at": "2026-04-01"}

    run(write(tmp_path, an_idea(status="implemented", answer=answer), name="again.jsonl"))

    change = StatusChange.objects.get()
    assert (change.to_status, change.message) == ("implemented", "<p>Fait</p>")
    assert Idea.objects.get().status == "implemented"


def test_the_answer_gives_the_status_when_the_line_has_none(tmp_path, people):
    answer = {"status": "rejected", "message": "Trop cher", "by": "p-olivier", "at": "2026-05-02"}
    line = an_idea(answer=answer)
    del line["status"]

    run(write(tmp_path, a_challenge(), line))

    assert Idea.objects.get().status == "rejected"
    assert StatusChange.objects.get().to_status == "rejected"


def test_a_decided_idea_without_an_answer_still_imports_with_its_decision_in_the_history(
    tmp_path, people, client
):
    """Files written before `answer` existed keep importing (the contract only grows)."""
    idea_line = {**an_idea(), "answer": None}
    del idea_line["answer"]

    run(write(tmp_path, a_challenge(), idea_line))

    idea = Idea.objects.get()
    change = StatusChange.objects.get(idea=idea)
    assert (change.from_status, change.to_status) == ("submitted", "selected")
    assert change.message == "" and change.author is None
    assert change.created_at == idea.created_at
    client.force_login(people["camille"])
    page = client.get(idea.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No answer yet" not in page and "Answers from the challenge owner" in page


def test_a_bad_answer_is_reported(tmp_path, people):
    good = {"status": "selected", "message": "Oui", "by": "p-olivier", "at": "2026-03-01"}
    lines = [
        a_challenge(),
        an_idea(key="i-3", answer={**good, "message": "  "}),
        an_idea(key="i-4", answer={**good, "status": "rejected"}),
        an_idea(key="i-5", answer={**good, "by": "p-ghost"}),
        an_idea(key="i-6", answer={**good, "at": "2026-01-01T00:00:00Z"}),
        an_idea(key="i-7", answer="Oui"),
        an_idea(key="i-8", status="submitted", answer={**good, "status": "submitted"}),
        an_idea(key="i-9", answer={"status": "selected", "message": "Oui", "by": "p-olivier"}),
        an_idea(key="i-10", status="submitted", answer=None),
    ]
    path = write(tmp_path, *lines)

    _, err = run(path, expect_failure=True)

    assert err.strip().splitlines() == [
        f"{path}:2: answer: missing field 'message'",
        f"{path}:3: answer: status 'rejected' differs from the idea's status 'selected'",
        f"{path}:4: answer: unknown person 'p-ghost' (not in this import nor in Ruche)",
        f"{path}:5: answer: 'at' is before the idea was submitted",
        f"{path}:6: field 'answer' must be an object {{status, message, by, at}}",
        f"{path}:7: answer: field 'status' must be one of under_review, selected, "
        "implemented, rejected",
        f"{path}:8: answer: missing field 'at'",
    ]
    assert list(Idea.objects.values_list("title", flat=True)) == ["Recto verso"]
    assert not StatusChange.objects.exists()


def test_an_event_names_its_challenge_by_key_and_never_a_community_too(people, tmp_path):
    event = {
        "kind": "event",
        "key": "e-atelier",
        "challenge": "c-papier",
        "title": "Atelier recto verso",
        "starts_at": "2030-03-01T10:00:00+01:00",
        "ends_at": "2030-03-01T12:00:00+01:00",
        "place": "Salle Ruche",
        "attendees": ["p-camille"],
    }
    run(write(tmp_path, a_challenge(), event))

    imported = Event.objects.get()
    assert imported.host == ChallengePage.objects.get() and imported.going_count == 1
    _out, err = run(
        write(tmp_path, {**event, "community": "g-x"}, name="both.jsonl"), expect_failure=True
    )
    assert "not both" in err
