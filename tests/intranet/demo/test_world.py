"""The demo world: a French company of about 300 people in 25 teams four levels deep, with
faces, twelve weeks of news, leadership questions and kudos, dated relative to today; every
demo login sees a full home page; a second `load_demo` changes nothing.

`load_demo` is slow, so the module loads it twice, once for all its tests, inside a
transaction rolled back at the end (each test runs in a savepoint of it).
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from agenda.models import Event
from communities.models import Community, Membership, Poll, Post, Visibility
from core.conversations.models import Comment, Reaction
from news.models import Acknowledgement, LeadershipUpdatePage, NewsPage, Question, QuestionStatus
from people.models import Kudos, Profile, Team
from tests.intranet.factories import home_page

pytestmark = pytest.mark.django_db

ROLE_ACCOUNTS = ["camille", "elise", "olivier", "mathilde", "admin", "claire", "sophie", "ines"]


def load_demo() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_demo", "--allow-production", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> dict[str, int]:
    models = [
        User, Profile, Team, NewsPage, LeadershipUpdatePage, Question, Kudos, Reaction,
        Comment, Acknowledgement, Community, Post, Event, Poll, get_image_model(),
    ]  # fmt: skip
    found = {model.__name__: model.objects.count() for model in models}
    found["revisions"] = sum(page.revisions.count() for page in NewsPage.objects.all())
    return found


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Load the demo twice in one transaction, rolled back after the module's tests."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            home_page()
            first = load_demo()
            after_first = counts()
            second = load_demo()
            yield {"first": first, "second": second, "counts": (after_first, counts())}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def depth(team: Team) -> int:
    level = 1
    while team.parent_id is not None:
        team, level = team.parent, level + 1
    return level


def test_the_organisation_has_300_people_in_25_teams_four_levels_deep(world):
    assert world["first"][1] == ""  # no import error
    people = Profile.objects.active()
    assert 290 <= people.count() <= 310
    teams = list(Team.objects.select_related("parent"))
    assert len(teams) == 25
    assert max(depth(team) for team in teams) == 4
    assert all(team.members.exists() for team in teams)
    # Shared skills: "who knows Excel" finds people in several teams.
    excel = people.filter(skills__name="Excel")
    assert excel.count() >= 10 and excel.values("team").distinct().count() >= 5
    assert people.exclude(bio="").count() >= 150
    assert people.filter(languages__name="anglais").count() >= 30


def test_every_role_account_has_a_place_in_the_org_chart(world):
    mathilde = Profile.objects.get(user__username="mathilde")
    reports = Profile.objects.active().filter(manager=mathilde)
    assert reports.count() >= 8
    assert reports.filter(user__username="camille").exists()
    assert mathilde.team == Profile.objects.get(user__username="camille").team
    leader = Profile.objects.get(user__username="sophie")
    assert leader.manager is None and leader.team.parent is None
    assert leader.user.has_perm("news.answer_question")
    for username in ROLE_ACCOUNTS[:-2]:  # the leader heads the company, the guest is outside
        profile = Profile.objects.get(user__username=username)
        assert profile.team is not None and profile.manager is not None, username
        assert profile.user.check_password("ruche-demo")
    assert Profile.objects.get(user__username="admin").user.is_superuser
    guest = Membership.objects.get(user__username="ines")
    assert guest.user.profile.is_guest and guest.community.name == "Data et IA"


def test_most_people_have_a_face_and_some_keep_the_default(world):
    people = Profile.objects.active()
    with_face = people.filter(photo__isnull=False).count()
    assert with_face >= 0.8 * people.count()
    assert people.filter(photo__isnull=True).exists()
    # The named people's avatars are ready before anyone asks (they sign the first pages).
    faces = [p.photo for p in people.filter(photo__isnull=False, user__username__in=ROLE_ACCOUNTS)]
    assert len(faces) >= 4 and all(face.width == face.height <= 640 for face in faces)
    assert all(f.renditions.filter(filter_spec__startswith="fill-96x96").exists() for f in faces)


def test_the_news_cover_the_last_twelve_weeks_up_to_a_few_days_ago(world):
    today = timezone.localdate()
    dates = sorted(NewsPage.objects.live().values_list("first_published_at", flat=True))
    assert len(dates) >= 24
    assert today - timezone.localdate(dates[-1]) <= timedelta(days=3)
    assert timedelta(weeks=11) <= today - timezone.localdate(dates[0]) <= timedelta(weeks=13)
    assert NewsPage.objects.filter(language="en").exists()
    assert NewsPage.objects.filter(cover_image__isnull=False).count() >= 8
    assert NewsPage.objects.filter(cover_image__isnull=True).exists()  # the default visual
    card = NewsPage.objects.filter(cover_image__isnull=False).first().cover_image
    assert card.renditions.filter(filter_spec="fill-800x450-c75|format-avif").exists()
    assert card.width == 1600 and card.height == 900
    secret = Community.objects.get(visibility=Visibility.SECRET)
    assert secret.cover is not None and "codir" not in secret.cover.file.name


def test_news_have_reactions_comments_and_must_reads_at_several_rates(world):
    employees = Profile.objects.active().count()
    rates = sorted(
        round(100 * page.acknowledgements.count() / employees)
        for page in NewsPage.objects.filter(must_read=True)
    )
    assert rates[0] <= 15 and rates[-1] >= 80 and any(30 <= rate <= 50 for rate in rates)
    assert Reaction.objects.values("user").distinct().count() >= 100
    assert Comment.objects.values("author").distinct().count() >= 30


def test_leadership_questions_are_upvoted_some_answered_some_open(world):
    leader = Profile.objects.get(user__username="sophie")
    answered = Question.objects.filter(status=QuestionStatus.ANSWERED)
    assert answered.exists() and all(q.answered_by == leader for q in answered)
    assert Question.objects.filter(status=QuestionStatus.OPEN).exists()
    assert all(question.vote_count > 0 for question in Question.objects.all())
    assert LeadershipUpdatePage.objects.live().filter(author=leader).count() >= 3


def test_kudos_thank_colleagues_for_the_company_values(world):
    kudos = Kudos.objects.all()
    assert kudos.count() >= 30
    assert kudos.values("value").distinct().count() >= 3
    assert kudos.values("sender").distinct().count() >= 15


def test_the_communities_hold_questions_a_poll_and_past_and_upcoming_events(world):
    parking = Post.objects.get(title="Où garer son vélo au siège ?")
    assert parking.kind == "question" and "niveau -1" in parking.accepted_answer.body
    assert Poll.objects.get().ballot_count == 3
    meetup = Event.objects.get(title__startswith="Midi data")
    assert meetup.reported_at is not None and meetup.starts_at < timezone.now()
    upcoming = Event.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.exists()


def test_a_second_load_adds_nothing(world):
    before, after = world["counts"]
    assert before == after
    out, err = world["second"]
    assert err == "" and "created" not in out and "drawn" not in out


@pytest.mark.parametrize("username", ROLE_ACCOUNTS)
def test_every_role_sees_a_full_home_page(world, client, username):
    client.force_login(User.objects.get(username=username))
    response = client.get("/", follow=True)  # a guest lands on their communities
    assert response.status_code == 200
    page = response.content.decode()
    assert "empty-state" not in page and "Rien n’est encore publié." not in page
    if username == "ines":  # a guest reads only their community
        assert "Data et IA" in page
    else:
        assert "Fermeture de fin d" in page  # the newest news item
