"""Statistics, exports and leaderboards."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ideas.models import StatusChange
from ideas.selectors import challenge_stats, leaderboard
from ideas.services import add_comment, answer_idea, cast_vote
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, person


def test_statistics_of_a_challenge(owner):
    campaign = challenge(owner=owner, phase="open")
    now = timezone.now()
    answered = idea(campaign, author=person(username="a"), created_at=now - timedelta(hours=10))
    answered_too = idea(campaign, author=person(username="b"), created_at=now - timedelta(hours=4))
    idea(campaign, author=person(username="a"))
    cast_vote(user=person(username="voter"), idea=answered)
    add_comment(user=person(username="talker"), idea=answered, body="Bien")
    for target in (answered, answered_too):
        answer_idea(user=owner, idea=target, status="under_review", message="On regarde")

    stats = challenge_stats(campaign)

    assert stats["participants"] == 4  # a, b, voter, talker
    assert (stats["ideas"], stats["votes"], stats["comments"]) == (3, 1, 1)
    assert stats["answered_share"] == pytest.approx(2 / 3)
    assert stats["median_first_answer"] == pytest.approx(timedelta(hours=7), abs=timedelta(60))


def test_the_statistics_page_is_for_the_owner(client, owner):
    campaign = challenge(owner=owner, phase="open")
    client.force_login(person(username="x"))
    assert client.get(f"/ideas/challenges/{campaign.pk}/stats/").status_code == 404
    client.force_login(owner)
    assert client.get(f"/ideas/challenges/{campaign.pk}/stats/").status_code == 200


def test_csv_and_xlsx_exports_hold_ideas_votes_statuses_and_comments(client, owner):
    campaign = challenge(owner=owner, phase="open", allow_anonymous_ideas=True)
    named = idea(campaign, title='=HYPERLINK("evil")', author=person(username="named"))
    secret_author = person(username="hidden")
    secret_author.last_name = "Mystère"
    secret_author.save()
    idea(campaign, title="Secrète", author=secret_author, anonymous=True)
    cast_vote(user=person(username="v"), idea=named)
    add_comment(user=person(username="talker"), idea=named, body="Super")
    answer_idea(user=owner, idea=named, status="selected", message="Retenue")
    client.force_login(owner)

    response = client.get(f"/ideas/challenges/{campaign.pk}/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert response["Content-Disposition"].endswith('-ideas.csv"')
    first = rows[0]
    assert first["title"].startswith("'=")
    assert first["votes"] == "1" and first["last_answer"] == "Retenue"
    assert "Super" in first["comment_texts"]
    assert rows[1]["author"] in ("Anonymous", "Anonyme")
    assert "Mystère" not in response.content.decode()

    xlsx = client.get(f"/ideas/challenges/{campaign.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    ideas_sheet = list(book["Ideas"].values)
    assert ideas_sheet[0][:4] == ("id", "title", "status", "votes")
    assert ideas_sheet[1][3] == 1
    assert list(book["Comments"].values)[1][-1] == "Super"


def test_exports_are_for_the_owner_and_never_outside_the_audience(client, owner):
    campaign = challenge(owner=owner, phase="open", audience=[TeamFactory(name="IT")])
    client.force_login(person(username="x", team=TeamFactory(name="RH")))

    for fmt in ("csv", "xlsx"):
        assert client.get(f"/ideas/challenges/{campaign.pk}/export.{fmt}").status_code == 404


def test_the_leaderboard_ranks_by_implemented_then_selected_not_volume(owner):
    campaign = challenge(owner=owner, phase="open", allow_anonymous_ideas=True)
    prolific, builder, secret = (
        person(username="prolific"),
        person(username="builder"),
        person(username="secret"),
    )
    for n in range(4):
        idea(campaign, author=prolific, title=f"Idée {n}")
    built = idea(campaign, author=builder, status="implemented")
    built.co_authors.add(person(username="helper"))
    idea(campaign, author=secret, status="implemented", anonymous=True)

    rows = leaderboard(owner, campaign)

    assert [row["user"].username for row in rows] == ["builder", "helper", "prolific"]
    assert rows[0]["implemented"] == 1 and rows[2]["ideas"] == 4


def test_the_overall_leaderboard_leaves_out_challenges_i_cannot_see(client, owner):
    it, rh = TeamFactory(name="IT"), TeamFactory(name="RH")
    hidden = challenge(owner=owner, phase="open", audience=[it], title="IT")
    idea(hidden, author=person(username="itguy", team=it), status="implemented")
    viewer = person(username="viewer", team=rh)

    assert leaderboard(viewer) == []
    client.force_login(viewer)
    assert "itguy" not in client.get("/ideas/leaderboard/").content.decode()
    assert StatusChange.objects.count() == 0


def test_the_statistics_page_gives_the_median_delay_as_people_say_it(client, owner):
    campaign = challenge(owner=owner, phase="open")
    waited = idea(
        campaign, author=person(username="a"), created_at=timezone.now() - timedelta(days=3)
    )
    answer_idea(user=owner, idea=waited, status="under_review", message="On regarde")
    client.force_login(owner)

    french = client.get(f"/ideas/challenges/{campaign.pk}/stats/", HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get(f"/ideas/challenges/{campaign.pk}/stats/", HTTP_ACCEPT_LANGUAGE="en")

    assert "<dd>3 jours</dd>" in french.content.decode()
    assert "<dd>3 days</dd>" in english.content.decode()
    assert "day," not in english.content.decode() and ":00" not in english.content.decode()
