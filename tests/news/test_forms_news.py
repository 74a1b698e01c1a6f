"""News' forms given back after an invalid submission (a comment, a reply, a question to
leadership, an answer): the error summary, errors tied to their fields, nothing typed lost."""

import pytest
from django.urls import reverse

from core.conversations.models import Comment
from core.conversations.services import post_comment
from news.models import NewsIndexPage, Question
from news.services.questions import QUESTION_MAX_LENGTH
from news.services.sections import configure_roles
from tests.frontend.forms import assert_given_back, tag_with_id
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    sections()
    configure_roles()
    user = person(username="camille")
    client.force_login(user)
    return user


def test_the_comment_form_of_a_news_page_is_the_form_field_component(client, reader):
    news = publish_news(title="Cantine")

    html = client.get(news.url).content.decode()

    body = tag_with_id(html, "new-comment-body")
    assert "<textarea" in body and 'name="body"' in body
    assert '<label for="new-comment-body">' in html


def test_an_empty_reply_comes_back_with_the_comment_it_answers(client, reader):
    news = publish_news(title="Cantine")
    first = post_comment(author=reader, target=news, body="Premier")

    response = client.post(
        reverse("news:comment", args=[news.pk]), {"body": "", "parent": first.pk}
    )

    assert response.status_code == 400 and Comment.objects.count() == 1
    html = response.content.decode()
    assert_given_back(html, "id_body")
    assert f'<input type="hidden" name="parent" value="{first.pk}"' in html
    assert f'href="{news.url}#comments"' in html


def test_an_empty_edit_keeps_the_comment_and_says_why(client, reader):
    news = publish_news(title="Cantine")
    mine = post_comment(author=reader, target=news, body="Avant")

    response = client.post(reverse("news:comment_edit", args=[mine.pk]), {"body": " "})

    assert response.status_code == 400
    assert_given_back(response.content.decode(), "id_body")
    mine.refresh_from_db()
    assert mine.body == "Avant"


def test_a_question_too_long_comes_back_with_its_text_and_its_anonymity(client, reader):
    update = publish_update(title="Nos priorités")
    text = "Pourquoi ? " * (QUESTION_MAX_LENGTH // 10)

    response = client.post(
        reverse("news:ask"), {"body": text, "anonymous": "on", "update": update.pk}
    )

    assert response.status_code == 400 and not Question.objects.exists()
    html = response.content.decode()
    assert_given_back(html, "ask-body", kept=(text.strip(),))
    assert "checked" in tag_with_id(html, "ask-anonymous")
    assert f'<input type="hidden" name="update" value="{update.pk}"' in html


def test_the_ask_form_on_an_update_carries_the_update(client, reader):
    update = publish_update(title="Nos priorités")

    html = client.get(update.url).content.decode()

    assert f'<input type="hidden" name="update" value="{update.pk}"' in html
    assert 'class="field__required"' in html.split('id="ask"', 1)[1]


def test_an_empty_answer_is_given_back_to_the_leader(client, reader):
    leader = person(username="mathilde", groups=["Managers"])
    question = Question.objects.create(author=reader, body="Q ?")
    client.force_login(leader)

    response = client.post(reverse("news:answer", args=[question.pk]), {"answer": " "})

    assert response.status_code == 400
    assert_given_back(response.content.decode(), "id_answer")


def test_the_news_filters_sit_in_the_drawer_after_the_news_with_their_count(client, reader):
    publish_news(title="Cantine", category="Vie pratique", tags=["lyon"])
    index = NewsIndexPage.objects.live().first()

    plain = client.get(index.url).content.decode()
    html = client.get(index.url, {"tag": "lyon", "since": "2020-01-01"}).content.decode()

    assert '<details class="filter-drawer" data-filter-drawer>' in plain
    assert "filter-drawer__count" not in plain and "filter-drawer__clear" not in plain
    assert html.index('class="card-list news-list"') < html.index('class="filter-drawer"')
    assert '<span aria-hidden="true">2</span>' in html
    assert f'<p class="filter-drawer__clear"><a href="{index.url}">' in html
    assert 'value="lyon"' in html and 'value="2020-01-01"' in html
