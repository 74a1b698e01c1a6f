"""Every site form, fed arbitrary text (any unicode, huge strings, control characters, HTML and
template payloads): never a server error, bad input refused with a message, and whatever is
stored comes back escaped. hypothesis drives the inputs; the services and database are real.
"""

import os
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communities.models import Community
from core.conversations.models import Comment as NewsComment
from core.conversations.selectors import comments_of
from ideas.models import Idea
from news.models import LeadershipUpdatePage, NewsPage
from tests.security.world import build_world

MARK = "31337"
PAYLOADS = [
    f"<script>alert({MARK})</script>",
    f'"><img src=x onerror=alert({MARK})>',
    f'<a href="javascript:alert({MARK})">x</a>',
    f"<svg onload=alert({MARK})>",
    "{{ request.user.password }}{% debug %}",
    "' OR 1=1; --",
    "\x00nul",
    "\u202eright-to-left\u200b",
    "\r\n\t\x0b\x0c\x1b[31m",
    "🐝" * 3000,
    "x" * 100_000,
    "",
    "   ",
]
text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.builds(
        lambda payload, tail: payload + tail,
        st.sampled_from(PAYLOADS),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    ),
)
# A script or event handler of a payload, live in the page rather than shown as text.
LIVE = re.compile(
    rf"<script>alert\({MARK}\)|<(?:img|svg)\b[^>]*\bon\w+=alert\({MARK}\)"
    rf"|href=\"javascript:alert\({MARK}"
)

FUZZ = settings(
    max_examples=int(os.environ.get("RUCHE_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def world(db):
    return build_world()


def as_user(client, world, role="employee"):
    client.force_login(world.users[role])
    return client


def check(response, *pages):
    """No server error, and no payload alive in the answer or the pages that show it."""
    assert response.status_code < 500, response.status_code
    for page in (response, *pages):
        if page.get("Content-Type", "").startswith("text/html"):
            html = page.content.decode()
            assert not LIVE.search(html), LIVE.search(html).group(0)


def rolled_back(function):
    """Each example in its own savepoint: one example's data never meets the next."""

    def run(*args, **kwargs):
        with transaction.atomic():
            function(*args, **kwargs)
            transaction.set_rollback(True)

    return run


def test_idea_submission(client, world):
    as_user(client, world)
    url = f"/ideas/challenges/{world.challenge.pk}/submit/"

    @FUZZ
    @given(title=text, description=text, tags=text, co_authors=text)
    @rolled_back
    def submit(title, description, tags, co_authors):
        before = Idea.objects.count()
        data = {"title": title, "description": description, "tags": tags}
        response = client.post(url, {**data, "co_authors": co_authors})
        if Idea.objects.count() > before:
            idea = Idea.objects.latest("pk")
            check(response, client.get(idea.get_absolute_url()), client.get(world.challenge.url))
        elif response.status_code == 400:  # a NUL character (intranet/middleware.py)
            assert "NUL" in response.content.decode()
        else:
            assert response.status_code == 200
            html = response.content.decode()
            assert 'class="field-error' in html or 'role="alert"' in html or "error" in html
            check(response)

    submit()


def test_idea_comment_and_report(client, world):
    as_user(client, world)
    idea = world.idea

    @FUZZ
    @given(body=text, reason=text)
    @rolled_back
    def comment(body, reason):
        check(
            client.post(f"/ideas/{idea.pk}/comments/", {"body": body}),
            client.get(f"/ideas/{idea.pk}/"),
        )
        check(client.post(f"/ideas/{idea.pk}/report/", {"reason": reason}))

    comment()


def test_news_comment_edit_and_report(client, world):
    as_user(client, world)
    news = world.news

    @FUZZ
    @given(body=text, edited=text, reason=text)
    @rolled_back
    def comment(body, edited, reason):
        check(client.post(f"/news/pages/{news.pk}/comments/", {"body": body}), client.get(news.url))
        mine = NewsComment.objects.on(news).filter(author=world.users["employee"]).last()
        if mine:
            check(
                client.post(f"/news/comments/{mine.pk}/edit/", {"body": edited}),
                client.get(news.url),
            )
        check(client.post(f"/news/comments/{world.news_comment.pk}/report/", {"reason": reason}))

    comment()


def test_question_to_leadership_and_answer(client, world):
    update = world.update

    @FUZZ
    @given(body=text, answer=text, anonymous=st.sampled_from(["on", "", "yes"]), update_id=text)
    @rolled_back
    def ask(body, answer, anonymous, update_id):
        as_user(client, world)
        data = {"body": body, "anonymous": anonymous, "update": str(update.pk)}
        check(client.post("/news/questions/ask/", data), client.get(update.url))
        check(client.post("/news/questions/ask/", {"body": "Et ?", "update": update_id}))
        as_user(client, world, "manager")
        question = world.question
        check(client.post(f"/news/questions/{question.pk}/answer/", {"answer": answer}))
        check(client.get("/news/answered/"), client.get(update.url))

    ask()


def test_kudos_and_profile_edit(client, world):
    author = world.author

    @FUZZ
    @given(
        message=text,
        value=st.one_of(text, st.just(str(world.value.pk))),
        fields=st.fixed_dictionaries(
            {
                name: text
                for name in ("job_title", "location", "phone", "skills", "languages", "bio")
            }
        ),
    )
    @rolled_back
    def thank_and_edit(message, value, fields):
        as_user(client, world)
        data = {"value": value, "message": message}
        check(
            client.post(f"/people/{author.username}/kudos/", data),
            client.get(f"/people/{author.username}/"),
        )
        as_user(client, world, "hr")
        response = client.post(
            f"/people/{author.username}/edit/", {**fields, "team": fields["bio"][:5]}
        )
        check(response, client.get(f"/people/{author.username}/"), client.get("/people/"))

    thank_and_edit()


def test_a_challenges_events_and_answering_them(client, world):
    challenge = world.challenge

    @FUZZ
    @given(title=text, starts_at=text, capacity=text, place=text, link=text, action=text)
    @rolled_back
    def plan(title, starts_at, capacity, place, link, action):
        as_user(client, world, "owner")
        data = {
            "title": title,
            "mode": "hybrid",
            "starts_at": starts_at,
            "ends_at": starts_at,
            "capacity": capacity,
            "place": place,
            "online_url": link,
        }
        url = f"/ideas/challenges/{challenge.pk}/events/new/"
        check(client.post(url, data), client.get(url))
        valid = {**data, "starts_at": "2031-05-04T10:00", "ends_at": "2031-05-04T12:00"}
        check(client.post(url, valid), client.get(url))
        as_user(client, world)
        check(client.post(f"/events/{world.challenge_event.pk}/rsvp/", {"action": action}))

    plan()


def test_search_box_directory_and_news_filters(client, world):
    as_user(client, world)

    @FUZZ
    @given(q=text, kind=text, team=text, tag=text, period=text, page=text)
    @rolled_back
    def search(q, kind, team, tag, period, page):
        params = {"q": q, "kind": kind, "team": team, "tag": tag, "period": period, "page": page}
        # the search page and search API themselves: see the xfail test below
        check(client.get("/search/", {**params, "q": q[:20]}))
        check(client.get("/api/search/suggest/", {"q": q}))
        check(
            client.get(
                "/people/", {"knows": q, "team": team, "skill": tag, "sort": kind, "page": page}
            )
        )
        check(
            client.get(
                world.news_index.url,
                {"category": q, "tag": tag, "team": team, "since": period, "page": page},
            )
        )
        check(client.get(f"/ideas/challenges/{world.challenge.pk}/similar/", {"title": q}))

    search()


def test_language_switch(client, world):
    as_user(client, world)

    @FUZZ
    @given(language=st.one_of(text, st.sampled_from(["fr", "en"])), next_url=text)
    @rolled_back
    def switch(language, next_url):
        response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
        assert response.status_code in (302, 204, 400), response.status_code
        location = response.get("Location", "/")
        assert not location.startswith(("//", "http:", "https:", "javascript:")), location

    switch()


def test_a_nul_character_gets_a_clear_400_and_nothing_is_stored(client, world):
    as_user(client, world)

    page = client.post(
        f"/news/pages/{world.news.pk}/comments/", {"body": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert page.status_code == 400 and "NUL" in page.content.decode()
    news_comments = comments_of(NewsPage, LeadershipUpdatePage)
    assert not news_comments.filter(body__contains="a").exclude(pk=world.news_comment.pk)


def test_a_challenge_event_with_a_bad_capacity_or_date_is_refused_with_a_message(client, world):
    as_user(client, world, "owner")
    url = f"/ideas/challenges/{world.challenge.pk}/events/new/"
    base = {
        "title": "Atelier",
        "mode": "in_person",
        "place": "Lyon",
        "starts_at": "2031-05-04T10:00",
        "ends_at": "2031-05-04T12:00",
        "capacity": "10",
    }

    for bad in ({"capacity": "dix"}, {"capacity": "9" * 5000}, {"starts_at": "2031-02-30T10:00"}):
        response = client.post(url, {**base, **bad}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert 'field-error"' in response.content.decode()  # the field's error, announced
    assert world.challenge.events.count() == 1


def test_a_query_of_many_short_words_is_not_a_server_error(client, world):
    """Each word costs the engine clauses: a query of 200 emoji or words is cut, not a 500."""
    as_user(client, world)

    for text in ("🐝" * 200, " ".join(["ab"] * 60)):
        assert client.get("/search/", {"q": text}).status_code == 200
        assert client.get("/api/search/", {"q": text}).status_code == 200
        assert client.get("/api/search/suggest/", {"q": text}).status_code == 200


def test_community_creation_settings_request_and_search(client, world):
    @FUZZ
    @given(name=text, description=text, tags=text, welcome=text, message=text, query=text)
    @rolled_back
    def create_and_run(name, description, tags, welcome, message, query):
        as_user(client, world, "editor")
        before = Community.objects.count()
        data = {"name": name, "description": description, "tags": tags, "visibility": "open"}
        response = client.post("/communities/new/", data)
        check(response, client.get("/communities/"), client.get("/communities/", {"q": query}))
        if Community.objects.count() > before:
            made = Community.objects.latest("pk")
            settings_data = {**data, "name": "Renommée", "welcome_message": welcome}
            check(
                client.post(f"/communities/{made.slug}/settings/", settings_data),
                client.get(made.get_absolute_url()),
            )
        as_user(client, world, "owner")
        check(
            client.post(f"/communities/{world.c_closed.slug}/join/", {"message": message}),
            client.get(world.c_closed.get_absolute_url()),
        )
        as_user(client, world, "editor")
        check(client.get(f"/communities/{world.c_closed.slug}/members/"))

    create_and_run()
