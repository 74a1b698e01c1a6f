"""Reactions and comments: one of each reaction, replies one level deep, moderation."""

import pytest
from django.contrib.auth.models import Group

from core.conversations.models import Comment, Reaction, Report
from core.conversations.selectors import THREADS_PER_PAGE as PER_PAGE
from news.services.sections import configure_roles
from tests.conversations.factories import comment_on
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(db):
    sections()
    return publish_news(title="À commenter")


@pytest.fixture
def camille(db):
    return person(username="camille", first_name="Camille", last_name="Martin")


@pytest.fixture
def editor(db):
    configure_roles()
    return person(username="elise", first_name="Élise", groups=["Editors"])


def post(client, user, url, **data):
    client.force_login(user)
    return client.post(url, data)


def test_a_reaction_is_given_once_per_kind_and_taken_back_by_a_second_click(client, news, camille):
    url = f"/news/pages/{news.pk}/react/"

    post(client, camille, url, kind="like")
    post(client, camille, url, kind="celebrate")
    assert sorted(Reaction.objects.values_list("kind", flat=True)) == ["celebrate", "like"]

    response = post(client, camille, url, kind="like")
    assert response.status_code == 302 and response["Location"].endswith("#reactions")
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["celebrate"]


def test_an_unknown_reaction_is_refused(client, news, camille):
    post(client, camille, f"/news/pages/{news.pk}/react/", kind="angry")
    assert not Reaction.objects.exists()


def test_reactions_work_on_leadership_updates_and_show_their_counts(client, camille):
    sections()
    update = publish_update()
    post(client, camille, f"/news/pages/{update.pk}/react/", kind="support")

    html = client.get(update.url).content.decode()

    assert 'data-reaction="support">' in html
    assert 'aria-pressed="true" data-reaction="support"' in html


def test_actions_need_post_and_csrf(news, camille):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(camille)

    assert client.get(f"/news/pages/{news.pk}/react/").status_code == 405
    assert client.post(f"/news/pages/{news.pk}/react/", {"kind": "like"}).status_code == 403
    assert not Reaction.objects.exists()


def test_reacting_to_a_page_one_may_not_open_is_refused(client, news, camille):
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Direction")])

    response = post(client, camille, f"/news/pages/{news.pk}/react/", kind="like")

    assert response.status_code == 404
    assert not Reaction.objects.exists()


def test_comments_are_escaped_against_script_injection(client, news, camille):
    post(client, camille, f"/news/pages/{news.pk}/comments/", body="<script>alert('x')</script>")

    html = client.get(news.url).content.decode()

    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_replies_are_one_level_deep(client, news, camille):
    url = f"/news/pages/{news.pk}/comments/"
    post(client, camille, url, body="Premier")
    top = Comment.objects.get()
    post(client, camille, url, body="Réponse", parent=top.pk)
    reply = Comment.objects.get(body="Réponse")

    post(client, camille, url, body="Réponse à la réponse", parent=reply.pk)

    assert reply.parent == top
    assert Comment.objects.get(body="Réponse à la réponse").parent == top


def test_an_empty_comment_is_refused_with_a_message_on_the_form_given_back(client, news, camille):
    response = post(client, camille, f"/news/pages/{news.pk}/comments/", body="   ")

    assert response.status_code == 400 and not Comment.objects.exists()
    page = response.content.decode()
    assert "Write something first." in page or "Écrivez" in page
    assert 'class="error-summary"' in page and 'href="#id_body"' in page
    assert f'action="/news/pages/{news.pk}/comments/"' in page


def test_only_the_author_edits_and_deletes_a_comment(client, news, camille):
    other = person(username="mathilde")
    comment = comment_on(news, author=camille, body="Avant")

    assert (
        post(client, other, f"/news/comments/{comment.pk}/edit/", body="Pirate").status_code == 403
    )
    assert post(client, other, f"/news/comments/{comment.pk}/delete/").status_code == 403
    client.force_login(camille)
    assert client.get(f"/news/comments/{comment.pk}/edit/").status_code == 200
    post(client, camille, f"/news/comments/{comment.pk}/edit/", body="Après")
    comment.refresh_from_db()
    assert comment.body == "Après" and comment.edited_at is not None

    assert post(client, camille, f"/news/comments/{comment.pk}/edit/", body="").status_code == 400
    post(client, camille, f"/news/comments/{comment.pk}/delete/")
    assert not Comment.objects.exists()


def test_reports_are_counted_once_and_editors_hide_and_restore(client, news, camille, editor):
    comment = comment_on(news, author=camille, body="Propos limite")
    reporter = person(username="olivier")
    post(client, reporter, f"/news/comments/{comment.pk}/report/")
    post(client, reporter, f"/news/comments/{comment.pk}/report/")
    assert Report.objects.count() == 1

    client.force_login(editor)
    assert "Propos limite" in client.get("/news/moderation/").content.decode()
    post(client, editor, f"/news/comments/{comment.pk}/hide/")
    comment.refresh_from_db()
    assert comment.is_hidden
    assert "Propos limite" not in client.get("/news/moderation/").content.decode()

    client.force_login(reporter)
    assert "Propos limite" not in client.get(news.url).content.decode()
    client.force_login(editor)
    assert "Propos limite" in client.get(news.url).content.decode()

    post(client, editor, f"/news/comments/{comment.pk}/restore/")
    client.force_login(reporter)
    assert "Propos limite" in client.get(news.url).content.decode()


def test_employees_may_not_moderate(client, news, camille):
    comment = comment_on(news, author=camille, body="Texte")

    assert post(client, camille, f"/news/comments/{comment.pk}/hide/").status_code == 403
    assert post(client, camille, f"/news/comments/{comment.pk}/restore/").status_code == 403
    assert client.get("/news/moderation/").status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_next_must_be_a_local_address(client, news, camille):
    response = post(
        client, camille, f"/news/pages/{news.pk}/react/", kind="like", next="https://evil.example/"
    )
    assert response["Location"].startswith(news.url)


def test_the_script_gets_json_for_a_reaction(client, news, camille):
    client.force_login(camille)
    url = f"/news/pages/{news.pk}/react/"

    added = client.post(url, {"kind": "like"}, HTTP_ACCEPT="application/json")
    removed = client.post(url, {"kind": "like"}, HTTP_ACCEPT="application/json")
    bad = client.post(url, {"kind": "boo"}, HTTP_ACCEPT="application/json")

    assert (added.json()["mine"], added.json()["count"]) == (True, 1)
    assert (removed.json()["mine"], removed.json()["count"]) == (False, 0)
    assert bad.status_code == 400 and "error" in bad.json()
    assert 'data-enhance="reaction"' in client.get(news.url).content.decode()


def test_conversations_show_newest_first_a_page_at_a_time(client, news, camille):
    client.force_login(camille)
    total = PER_PAGE + 3
    for number in range(total):
        comment_on(news, author=camille, body=f"Fil numéro {number:02d}")
    newest, oldest_on_first = f"Fil numéro {total - 1:02d}", f"Fil numéro {3:02d}"

    first = client.get(news.url).content.decode()
    second = client.get(f"{news.url}?page=2").content.decode()

    assert f"{total} conversations, les plus récentes d’abord" in first
    assert first.index(newest) < first.index(oldest_on_first)
    assert "Fil numéro 02" not in first and 'rel="next"' in first
    assert all(f"Fil numéro {n:02d}" in second for n in (0, 1, 2))
    assert oldest_on_first not in second


def test_a_reply_leads_back_to_the_page_of_its_conversation(client, news, camille):
    old = comment_on(news, author=camille, body="Le plus ancien")
    for number in range(PER_PAGE):
        comment_on(news, author=camille, body=f"Plus récent {number}")

    response = post(
        client, camille, f"/news/pages/{news.pk}/comments/", body="Ma réponse", parent=old.pk
    )
    reply = Comment.objects.get(body="Ma réponse")

    assert response.url == f"{news.url}?page=2#comment-{reply.pk}"
    assert "Ma réponse" in client.get(f"{news.url}?page=2").content.decode()
    fresh = post(client, camille, f"/news/pages/{news.pk}/comments/", body="Tout neuf")
    assert fresh.url == f"{news.url}#comment-{Comment.objects.get(body='Tout neuf').pk}"
