"""Ideas, comments and answers have sensible sizes, and titles hold no invisible direction
control, on the site, in the API and in the import alike; what is valid is never lost."""

from datetime import timedelta

import pytest

from agenda.models import Event
from agenda.services.events import EventDetails
from agenda.services.events import Invalid as EventInvalid
from core.conversations.models import Comment
from core.models import ExternalKey
from core.text import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH
from ideas import services
from ideas.models import Idea
from tests.frontend.forms import assert_given_back
from tests.ideas.factories import challenge, idea
from tests.importing import run_import, write_jsonl
from tests.people.factories import person

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "exe.txt" reads "txt.exe"
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", "\u2067", "\u2068", "\u2069"]
MARKS = ["\u200e", "\u200f", "\u061c"]


@pytest.fixture
def campaign():
    return challenge(title="Défi ouvert", phase="open")


@pytest.fixture
def author(client):
    user = person(username="auteur")
    client.force_login(user)
    return user


def site_submit(client, campaign, **data):
    return client.post(
        f"/ideas/challenges/{campaign.pk}/submit/",
        {"title": "Covoiturage", "description": "Partager les trajets.", **data},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def api_submit(client, campaign, **data):
    return client.post(
        f"/api/ideas/challenges/{campaign.pk}/ideas/",
        {"title": "Covoiturage", "description": "Partager les trajets.", **data},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


@pytest.mark.parametrize("control", BIDI + MARKS)
def test_the_site_refuses_a_title_with_a_direction_control(client, campaign, author, control):
    response = site_submit(client, campaign, title=f"Facture{control}exe.txt")

    assert response.status_code == 200
    errors = response.context["form"].errors["title"]
    assert f"U+{ord(control):04X}" in errors[0] and "direction" in errors[0]
    assert not Idea.objects.exists()


def test_the_site_refuses_it_in_french_too(client, campaign, author):
    response = client.post(
        f"/ideas/challenges/{campaign.pk}/submit/",
        {"title": f"Facture{RLO}exe.txt", "description": "x"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert "caractère invisible de direction du texte (U+202E)" in response.content.decode()


def test_the_api_and_the_service_refuse_a_direction_control_in_a_title(client, campaign, author):
    response = api_submit(client, campaign, title=f"Facture{RLO}exe.txt")

    assert response.status_code == 400 and "U+202E" in response.json()["error"]
    with pytest.raises(services.Invalid):
        services.submit_idea(user=author, challenge=campaign, title=f"a{RLO}b", description="x")
    assert not Idea.objects.exists()


def test_a_workshop_title_refuses_a_direction_control(campaign):
    with pytest.raises(EventInvalid, match="direction"):
        services.plan_challenge_event(
            user=campaign.challenge_owner,
            challenge=campaign,
            details=EventDetails(
                title="Atelier \u2067x",
                starts_at=campaign.closes_at,
                ends_at=campaign.closes_at + timedelta(hours=2),
                capacity=5,
                place="Salle 1",
            ),
        )
    assert not Event.objects.exists()


def test_a_description_over_the_limit_is_refused_everywhere(client, campaign, author):
    too_long = "x" * (DESCRIPTION_MAX_LENGTH + 1)

    site = site_submit(client, campaign, description=too_long)
    api = api_submit(client, campaign, description=too_long)

    assert "at most 20000 characters" in site.context["form"].errors["description"][0]
    assert api.status_code == 400 and "description" in api.json()["error"]
    with pytest.raises(services.Invalid, match="20\u202f000 at most"):
        services.submit_idea(user=author, challenge=campaign, title="T", description=too_long)
    assert not Idea.objects.exists()


def test_a_description_at_the_limit_is_kept_whole(client, campaign, author):
    response = api_submit(client, campaign, description="y" * DESCRIPTION_MAX_LENGTH)

    assert response.status_code == 201
    assert Idea.objects.get().description.count("y") == DESCRIPTION_MAX_LENGTH


def test_a_comment_over_the_limit_is_refused_with_a_message(client, campaign, author):
    target = idea(campaign)

    response = client.post(
        f"/ideas/{target.pk}/comments/",
        {"body": "z" * (COMMENT_MAX_LENGTH + 1)},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )

    assert "at most 10000 characters" in response.content.decode()
    assert not Comment.objects.exists()
    with pytest.raises(services.Invalid):
        services.add_comment(user=author, idea=target, body="z" * (COMMENT_MAX_LENGTH + 1))
    services.add_comment(user=author, idea=target, body="z" * COMMENT_MAX_LENGTH)
    assert Comment.objects.count() == 1


def test_the_owner_answer_has_the_comment_limit(campaign):
    target = idea(campaign)

    with pytest.raises(services.Invalid, match="10\u202f000 at most"):
        services.answer_idea(
            user=campaign.challenge_owner,
            idea=target,
            status="under_review",
            message="m" * (COMMENT_MAX_LENGTH + 1),
        )


def test_the_import_reports_the_line_of_a_bad_title_a_long_text_and_keeps_the_others(
    tmp_path, campaign
):
    person(username="importer", key="p-importer")

    ExternalKey.objects.create(kind="challenge", key="c-open", content_object=campaign)
    base = {"kind": "idea", "challenge": "c-open", "author": "p-importer"}
    path = write_jsonl(
        tmp_path,
        {**base, "key": "good", "title": "Valable", "description": "Texte"},
        {**base, "key": "bidi", "title": f"Facture{RLO}exe.txt", "description": "Texte"},
        {**base, "key": "long", "title": "Long", "description": "x" * 20_001},
        {
            **base,
            "key": "comment",
            "title": "Commentée",
            "description": "Texte",
            "comments": [{"author": "p-importer", "body": "c" * 10_001}],
        },
    )

    _out, err = run_import(path, expect_failure=True)

    assert f"{path}:2: field 'title' contains an invisible text direction character (U+202E)" in err
    assert f"{path}:3: field 'description' is too long: 20001 characters, 20000 at most" in err
    assert f"{path}:4: comment 1: field 'body' is too long" in err
    assert list(Idea.objects.values_list("title", flat=True)) == ["Valable"]


def test_a_comment_over_the_limit_comes_back_on_its_own_page_with_its_text(
    client, campaign, author
):
    target = idea(campaign)
    text = "z" * (COMMENT_MAX_LENGTH + 1)

    response = client.post(f"/ideas/{target.pk}/comments/", {"body": text})

    assert response.status_code == 400 and not Comment.objects.exists()
    html = response.content.decode()
    assert_given_back(html, "id_body", kept=(text,))
    assert f'action="/ideas/{target.pk}/comments/"' in html
