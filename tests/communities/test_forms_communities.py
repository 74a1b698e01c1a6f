"""Communities' forms given back after an invalid submission (inviting a guest, the post
composer, a comment): the error summary, errors tied to their fields, nothing typed lost, and
the mention autocomplete's attribute still on the message."""

import pytest
from django.urls import reverse

from communities.models import Post, Visibility
from core.conversations.models import Comment
from core.conversations.services import post_comment
from core.text import COMMENT_MAX_LENGTH
from tests.communities.factories import community, post, signed_in
from tests.frontend.forms import assert_given_back, tag_with_id
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_an_invitation_to_a_bad_address_is_given_back_with_the_names_typed(client):
    animator = person()
    where = community(animators=[animator])
    signed_in(client, animator)

    response = client.post(
        reverse("communities:invite_guest", args=[where.slug]),
        {"first_name": "Eva", "last_name": "Experte", "email": "pas-une-adresse"},
    )

    html = response.content.decode()
    assert_given_back(html, "id_email", "id_access_until", kept=('value="Eva"', 'value="Experte"'))
    email = tag_with_id(html, "id_email")
    assert 'type="email"' in email and 'autocomplete="off"' in email  # not the animator's own
    assert 'aria-describedby="id_access_until-help id_access_until-error"' in html


def test_a_question_without_a_title_is_given_back_with_its_message_and_tags(client):
    member = person()
    where = community(members=[member], visibility=Visibility.OPEN)
    signed_in(client, member)

    response = client.post(
        reverse("communities:new_post", args=[where.slug]),
        {"kind": "question", "title": "", "body": "Qui connaît Django ?", "tags": "python, web"},
    )

    assert not Post.objects.exists()
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Qui connaît Django ?" in html and 'value="python, web"' in html
    assert "data-mentions" in tag_with_id(html, "id_body")
    checked = [tag for tag in html.split("<input") if 'name="kind"' in tag and "checked" in tag]
    assert len(checked) == 1 and 'value="question"' in checked[0]


def test_an_empty_message_is_linked_from_the_summary(client):
    member = person()
    where = community(members=[member], visibility=Visibility.OPEN)
    signed_in(client, member)

    response = client.post(
        reverse("communities:new_post", args=[where.slug]), {"kind": "post", "title": "Salut"}
    )

    assert_given_back(response.content.decode(), "id_body", kept=('value="Salut"',))


def test_a_comment_too_long_comes_back_on_its_own_page_with_its_text_and_thread(client):
    member = person()
    where = community(members=[member], visibility=Visibility.OPEN)
    made = post(where)
    signed_in(client, member)
    text = "abeille " * (COMMENT_MAX_LENGTH // 8 + 1)

    response = client.post(
        reverse("communities:comment", args=[made.pk]), {"body": text, "parent": ""}
    )

    assert response.status_code == 400 and not Comment.objects.exists()
    html = response.content.decode()
    assert_given_back(html, "id_body", kept=(text.strip(),))
    assert f'action="{reverse("communities:comment", args=[made.pk])}"' in html
    assert "data-mentions" in tag_with_id(html, "id_body")
    assert f'href="{made.get_absolute_url()}#comments"' in html


def test_an_empty_reply_keeps_the_comment_it_answers(client):
    member = person()
    where = community(members=[member], visibility=Visibility.OPEN)
    made = post(where)
    first = post_comment(author=member, target=made, body="Question")
    signed_in(client, member)

    response = client.post(
        reverse("communities:comment", args=[made.pk]), {"body": " ", "parent": first.pk}
    )

    assert response.status_code == 400 and Comment.objects.count() == 1
    html = response.content.decode()
    assert_given_back(html, "id_body")
    assert f'<input type="hidden" name="parent" value="{first.pk}"' in html
