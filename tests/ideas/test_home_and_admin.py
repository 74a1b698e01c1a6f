"""What the home page and the Wagtail admin rely on."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from ideas.models import ChallengePage, Phase
from ideas.selectors import open_challenges_for
from tests.ideas.factories import challenge, hub
from tests.people.factories import TeamFactory, person


def test_open_challenges_are_those_of_my_audience_taking_ideas_or_votes(db):
    it, rh = TeamFactory(name="IT"), TeamFactory(name="RH")
    me = person(username="me", team=it)
    challenge(title="Ouvert", phase="open")
    challenge(title="Vote", phase="voting", audience=[it])
    challenge(title="Autre équipe", phase="open", audience=[rh])
    challenge(title="Clos", phase="closed")
    challenge(title="Bientôt", phase="upcoming")
    challenge(title="En revue", phase="review")

    found = open_challenges_for(me)

    assert {page.title for page in found} == {"Ouvert", "Vote"}


def test_the_include_lists_them_with_links(db, rf):
    me = person(username="me")
    page = challenge(title="Ouvert", phase="open")

    html = render_to_string(
        "ideas/includes/open_challenges.html", {"challenges": open_challenges_for(me)}
    )

    assert f'href="{page.url}"' in html and "Ouvert" in html


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [
        ((-1, None, None, 5), Phase.SUBMISSION),
        ((-5, -1, None, 5), Phase.VOTING),
        ((-5, -3, -1, 5), Phase.REVIEW),
        ((-5, None, None, -1), Phase.CLOSED),
        ((1, None, None, 5), Phase.UPCOMING),
    ],
)
def test_phases_follow_the_dates(db, offsets, expected):
    now = timezone.now()
    opens, voting, review, closes = (
        now + timedelta(days=offset) if offset is not None else None for offset in offsets
    )
    page = ChallengePage(
        opens_at=opens, voting_opens_at=voting, review_opens_at=review, closes_at=closes
    )

    assert page.phase(now) == expected


def test_phase_dates_out_of_order_are_refused(db):
    now = timezone.now()
    page = ChallengePage(
        title="x",
        slug="x",
        challenge_owner=person(username="o"),
        description="<p>x</p>",
        opens_at=now,
        voting_opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=3),
    )

    with pytest.raises(ValidationError, match="follow each other"):
        page.clean()


def test_editors_create_challenges_in_the_admin_under_the_hub(client, db):
    admin = person(username="admin")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)

    response = client.get(f"/admin/pages/add/ideas/challengepage/{hub().pk}/")

    assert response.status_code == 200
    assert 'name="challenge_owner"' in response.content.decode()


def test_moderators_find_the_report_queue_from_the_admin(client, db):
    admin = person(username="admin")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)

    assert "/ideas/moderation/" in client.get("/admin/").content.decode()
