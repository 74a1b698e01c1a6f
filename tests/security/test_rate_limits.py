"""Rate limits: per user (and per address for sign-in), counted in real Redis, 429 with a clear
message; what was refused is not stored, and other people are not slowed down."""

import uuid

import pytest
import redis
from django.conf import settings as django_settings
from wagtail.models import APIToken

from communities.models import Community, Membership
from core.conversations.selectors import comments_of
from core.models import OutboxTask
from ideas.models import Idea, Vote
from news.models import Question
from people.models import Kudos
from tests.ideas.factories import challenge, idea
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import UserFactory, person, value

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """Realistic limits for these tests (the suite's defaults are generous); returns a setter.

    The counts live in fixed windows (django-ratelimit's and `SignInAttempt`'s alike): a test
    given "2/m" would fail whenever its minute closed between two of its requests, so the tests
    give their counts per day ("2/d")."""

    def set_limit(scope: str, rate: str):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, scope: rate}

    return set_limit


def fresh_user(**fields):
    return UserFactory(username=f"u-{uuid.uuid4().hex[:10]}", **fields)


def an_address() -> str:
    """A client address of its own for each test (the counts outlive a test's transaction)."""
    raw = uuid.uuid4().int
    return f"127.{raw % 250}.{raw // 250 % 250}.{raw // 62500 % 250 + 1}"


def bearer(user) -> dict:
    _, raw = APIToken.create_token(user=user, name="bot")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def sign_in(client, username: str, password: str, address: str, path="/accounts/login/", **extra):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def test_a_client_failing_on_one_username_is_stopped_with_a_friendly_page(client, limits):
    limits("sign_in", "3/d")
    user = fresh_user()
    address = an_address()
    for _ in range(3):
        assert sign_in(client, user.username, "x", address).status_code == 200

    blocked = sign_in(
        client, user.username.upper(), "correct horse battery", address, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert blocked.status_code == 429
    assert "You are going too fast" in blocked.content.decode()
    assert '<html lang="en">' in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    other = fresh_user()
    fine = sign_in(client, other.username, "correct horse battery", address)
    assert fine.status_code == 302 and "_auth_user_id" in client.session


def test_failures_from_an_attacker_never_lock_the_owner_out_of_their_account(client, limits):
    limits("sign_in", "3/d")
    owner = fresh_user()
    attacker = an_address()
    for _ in range(10):
        sign_in(client, owner.username, "guess", attacker)
    assert sign_in(client, owner.username, "correct horse battery", attacker).status_code == 429

    from_the_owner = sign_in(client, owner.username, "correct horse battery", an_address())

    assert from_the_owner.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_successful_sign_ins_do_not_count_towards_the_limits(client, limits):
    limits("sign_in", "2/d")
    limits("sign_in_ip", "3/d")
    address = an_address()
    people = [fresh_user() for _ in range(5)]

    statuses = [
        sign_in(client, someone.username, "correct horse battery", address).status_code
        for someone in people + people
    ]

    assert statuses == [302] * 10


def test_a_typo_then_the_right_password_lets_the_owner_in(client, limits):
    limits("sign_in", "2/d")
    owner = fresh_user()
    address = an_address()

    assert sign_in(client, owner.username, "correct horse batery", address).status_code == 200
    assert sign_in(client, owner.username, "correct horse battery", address).status_code == 302


def test_sign_in_failures_are_limited_per_address_whatever_the_username(client, limits):
    limits("sign_in_ip", "4/d")
    address = an_address()
    for _ in range(4):
        sign_in(client, uuid.uuid4().hex, "x", address)

    user = fresh_user()
    from_there = sign_in(client, user.username, "correct horse battery", address)
    from_elsewhere = sign_in(client, user.username, "correct horse battery", an_address())

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 302


def test_the_sign_in_form_of_private_pages_shares_the_limit(client, limits):
    limits("sign_in", "2/d")
    user = fresh_user()
    address = an_address()
    for path in ("/accounts/login/", "/_util/login/"):
        sign_in(client, user.username, "x", address, path=path)

    third = sign_in(client, user.username, "correct horse battery", address, path="/_util/login/")

    assert third.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_address_is_the_same_limited_form(client, limits):
    limits("sign_in", "2/d")
    user = fresh_user()
    address = an_address()
    for _ in range(2):
        sign_in(client, user.username, "x", address, path="/admin/login/")

    third = sign_in(client, user.username, "correct horse battery", address, path="/admin/login/")

    assert third.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_itself_is_never_limited(client, limits):
    limits("sign_in_ip", "1/d")
    address = an_address()
    assert all(
        client.get("/accounts/login/", REMOTE_ADDR=address).status_code == 200 for _ in range(3)
    )


def test_votes_on_the_site_are_limited_per_person_and_the_refused_one_is_not_counted(
    client, limits
):
    limits("vote", "2/d")
    campaign = challenge(phase="open")
    targets = [idea(campaign, title=f"Idée {n}") for n in range(3)]
    voter = fresh_user()
    client.force_login(voter)

    statuses = [client.post(f"/ideas/{target.pk}/vote/").status_code for target in targets]

    assert statuses == [302, 302, 429]
    assert Vote.objects.filter(user=voter).count() == 2
    client.force_login(fresh_user())
    assert client.post(f"/ideas/{targets[2].pk}/vote/").status_code == 302
    assert Idea.objects.get(pk=targets[2].pk).vote_count == 1


def test_api_votes_share_the_limit_and_answer_json(client, limits):
    limits("vote", "2/d")
    campaign = challenge(phase="open")
    targets = [idea(campaign, title=f"Idée {n}") for n in range(3)]
    headers = bearer(fresh_user())

    first = client.post(f"/api/ideas/{targets[0].pk}/vote/", **headers)
    back = client.delete(f"/api/ideas/{targets[0].pk}/vote/", **headers)
    third = client.post(f"/api/ideas/{targets[1].pk}/vote/", **headers, HTTP_ACCEPT_LANGUAGE="en")

    assert (first.status_code, back.status_code, third.status_code) == (200, 200, 429)
    assert third.json() == {
        "error": "You are going too fast. Please wait a minute, then try again."
    }
    assert Vote.objects.count() == 0


def test_idea_submissions_are_limited_on_the_site_and_the_api(client, limits):
    limits("idea", "1/d")
    campaign = challenge(phase="open")
    author = fresh_user()
    client.force_login(author)

    first = client.post(
        f"/ideas/challenges/{campaign.pk}/submit/",
        {"title": "Une première idée", "description": "Avec assez de détails pour passer."},
    )
    second = client.post(
        f"/api/ideas/challenges/{campaign.pk}/ideas/",
        {"title": "Une deuxième idée", "description": "Avec assez de détails pour passer."},
        content_type="application/json",
        **bearer(author),
    )

    assert first.status_code == 302
    assert second.status_code == 429 and "error" in second.json()
    assert list(Idea.objects.values_list("title", flat=True)) == ["Une première idée"]
    assert client.get(f"/ideas/challenges/{campaign.pk}/submit/").status_code == 200


def test_comments_are_limited_on_ideas_and_news(client, limits):
    limits("comment", "2/d")
    sections()
    news = publish_news(title="Cantine")
    target = idea(challenge(phase="open"))
    client.force_login(fresh_user())

    statuses = [
        client.post(f"/ideas/{target.pk}/comments/", {"body": "Bonne idée"}).status_code,
        client.post(f"/news/pages/{news.pk}/comments/", {"body": "Merci"}).status_code,
        client.post(f"/ideas/{target.pk}/comments/", {"body": "Encore"}).status_code,
    ]

    assert statuses == [302, 302, 429]
    assert comments_of(Idea).count() == 1


def test_creating_communities_is_limited_and_the_refused_one_is_not_created(client, limits):
    limits("community", "2/d")
    creator = fresh_user()
    client.force_login(creator)
    names = [f"Club {uuid.uuid4().hex[:8]}" for _ in range(3)]

    made = [
        client.post("/communities/new/", {"name": name, "visibility": "open"}) for name in names[:2]
    ]
    refused = client.post(
        "/communities/new/", {"name": names[2], "visibility": "open"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert [response.status_code for response in made] == [302, 302]
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "You have created many communities in a short time" in page
    assert "one person may create 2 in 1 day" in page
    assert "Nothing was created." in page
    assert not Community.objects.filter(name=names[2]).exists()
    assert Membership.objects.filter(user=creator).count() == 2
    assert client.get("/communities/new/").status_code == 200  # the form itself is not limited
    client.force_login(fresh_user())
    assert client.post(
        "/communities/new/", {"name": names[2], "visibility": "open"}
    ).status_code == (302)


def test_questions_to_leadership_are_limited(client, limits):
    limits("question", "1/d")
    sections()
    update = publish_update()
    client.force_login(fresh_user())

    first = client.post("/news/questions/ask/", {"body": "Quand ?", "update": update.pk})
    second = client.post(
        "/news/questions/ask/", {"body": "Et pourquoi ?"}, HTTP_ACCEPT="application/json"
    )

    assert first.status_code == 302
    assert second.status_code == 429 and "error" in second.json()
    assert list(Question.objects.values_list("body", flat=True)) == ["Quand ?"]


def test_kudos_are_limited_per_person_and_the_refused_one_is_neither_stored_nor_mailed(
    client, limits
):
    limits("kudos", "2/d")
    colleagues = [person().profile for _ in range(3)]
    thanks = value("Audace")
    sender = fresh_user()
    client.force_login(sender)

    statuses = [
        client.post(
            f"/people/{colleague.user.username}/kudos/",
            {"value": thanks.pk, "message": "Merci !"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        for colleague in colleagues
    ]

    assert [response.status_code for response in statuses] == [302, 302, 429]
    assert "You are going too fast" in statuses[2].content.decode()
    assert Kudos.objects.filter(sender=sender).count() == 2
    scripted = client.post(
        f"/people/{colleagues[2].user.username}/kudos/",
        {"value": thanks.pk, "message": "Merci !"},
        HTTP_ACCEPT="application/json",
    )
    assert scripted.status_code == 429 and "error" in scripted.json()
    client.force_login(fresh_user())
    fine = client.post(
        f"/people/{colleagues[2].user.username}/kudos/", {"value": thanks.pk, "message": "Bravo"}
    )
    assert fine.status_code == 302
    assert Kudos.objects.filter(recipient=colleagues[2]).count() == 1
    notices = OutboxTask.objects.filter(task_path="people.tasks.notify_kudos")
    assert notices.count() == 3  # one email task per kudos stored, none for the refused


def test_searches_are_limited_on_the_page_and_the_api(client, limits):
    limits("search", "2/d")
    user = fresh_user()
    client.force_login(user)

    page = client.get("/search/", {"q": "cantine"})
    api = client.get("/api/search/", {"q": "cantine"})
    over = client.get("/api/search/", {"q": "cantine"})
    page_over = client.get("/search/", {"q": "cantine"})

    assert page.status_code in (200, 503) and api.status_code in (200, 503)
    assert over.status_code == 429 and "error" in over.json()
    assert page_over.status_code == 429
    client.force_login(fresh_user())
    assert client.get("/api/search/", {"q": "cantine"}).status_code != 429


def test_suggestions_have_their_own_limit(client, limits):
    limits("suggest", "1/d")
    client.force_login(fresh_user())

    assert client.get("/api/search/suggest/", {"q": "can"}).status_code != 429
    assert client.get("/api/search/suggest/", {"q": "cant"}).status_code == 429
    assert client.get("/api/search/", {"q": "cantine"}).status_code != 429


def test_mention_suggestions_have_their_own_limit(client, limits):
    limits("mention", "1/d")
    client.force_login(fresh_user())

    assert client.get("/api/people/mentions/", {"q": "ca"}).status_code == 200
    over = client.get("/api/people/mentions/", {"q": "cam"})
    assert over.status_code == 429 and "error" in over.json()
    assert client.get("/api/search/suggest/", {"q": "cam"}).status_code != 429
    client.force_login(fresh_user())
    assert client.get("/api/people/mentions/", {"q": "cam"}).status_code == 200


def test_the_counts_live_in_redis_shared_by_every_worker(client, limits):
    limits("vote", "5/d")
    target = idea(challenge(phase="open"))
    client.force_login(fresh_user())
    client.post(f"/ideas/{target.pk}/vote/")

    cache = django_settings.CACHES[django_settings.RATELIMIT_USE_CACHE]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    server = redis.Redis.from_url(cache["LOCATION"])
    assert server.keys(f"{cache['KEY_PREFIX']}:*rl:*")


def test_an_unreachable_cache_lets_people_work(client, limits, settings):
    limits("vote", "1/d")
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
    }
    campaign = challenge(phase="open")
    first, second = idea(campaign, title="Un"), idea(campaign, title="Deux")
    client.force_login(fresh_user())

    assert client.post(f"/ideas/{first.pk}/vote/").status_code == 302
    assert client.post(f"/ideas/{second.pk}/vote/").status_code == 302
    assert Vote.objects.count() == 2


def test_an_unreachable_cache_lets_people_sign_in(client, limits, settings):
    limits("sign_in", "1/d")
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
    }
    user = fresh_user()
    address = an_address()

    assert sign_in(client, user.username, "x", address).status_code == 200
    assert sign_in(client, user.username, "correct horse battery", address).status_code == 302
