"""Accepted answers: the question's author or an animator accepts one comment, shown first
and marked "Accepted answer"; it can be changed or taken back; nobody else may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.models import Post
from communities.services.answers import accept_answer, unaccept_answer
from communities.signals import answer_accepted
from core.conversations.errors import Invalid, NotAllowed
from core.conversations.services import hide, post_comment
from tests.communities.factories import community, post, question
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    asker, helper, other, animator = person(), person(), person(), person()
    where = community(members=[asker, helper, other], animators=[animator])
    asked = question(where, author=asker)
    first = post_comment(author=helper, target=asked, body="Essaie ceci")
    second = post_comment(author=other, target=asked, body="Ou cela")
    return {
        "asker": asker,
        "helper": helper,
        "other": other,
        "animator": animator,
        "where": where,
        "question": asked,
        "first": first,
        "second": second,
    }


def test_the_author_accepts_an_answer_and_the_signal_is_sent_after_commit(
    thread, django_capture_on_commit_callbacks
):
    seen = []

    def receive(sender, post, comment, **kwargs):
        seen.append((post.pk, comment.pk))

    answer_accepted.connect(receive)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            accept_answer(post=thread["question"], comment=thread["first"], by=thread["asker"])
    finally:
        answer_accepted.disconnect(receive)
    assert seen == [(thread["question"].pk, thread["first"].pk)]
    assert Post.objects.get(pk=thread["question"].pk).accepted_answer_id == thread["first"].pk


def test_an_animator_changes_the_accepted_answer_and_others_may_not(thread):
    accept_answer(post=thread["question"], comment=thread["first"], by=thread["asker"])
    with pytest.raises(NotAllowed):
        accept_answer(post=thread["question"], comment=thread["second"], by=thread["other"])
    changed = accept_answer(
        post=thread["question"], comment=thread["second"], by=thread["animator"]
    )
    assert changed.accepted_answer_id == thread["second"].pk
    with pytest.raises(NotAllowed):
        unaccept_answer(post=thread["question"], by=thread["helper"])
    assert unaccept_answer(post=thread["question"], by=thread["asker"]).accepted_answer is None


def test_only_a_question_has_an_answer_and_only_one_of_its_own_comments(thread):
    plain = post(thread["where"], author=thread["asker"])
    remark = post_comment(author=thread["helper"], target=plain, body="Bravo")
    with pytest.raises(Invalid):
        accept_answer(post=plain, comment=remark, by=thread["asker"])
    with pytest.raises(Invalid):
        accept_answer(post=thread["question"], comment=remark, by=thread["asker"])
    hide(moderator=thread["animator"], comment=thread["first"])
    thread["first"].refresh_from_db()
    with pytest.raises(Invalid):
        accept_answer(post=thread["question"], comment=thread["first"], by=thread["asker"])


def test_the_accepted_answer_is_shown_first_and_marked_with_accept_buttons_for_the_author(
    client, thread
):
    url = thread["question"].get_absolute_url()
    client.force_login(thread["asker"])
    page = client.get(url)
    accept_url = reverse(
        "communities:accept_answer",
        args=[thread["where"].slug, thread["question"].pk, thread["first"].pk],
    )
    assert accept_url.encode() in page.content
    assert client.post(accept_url).status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="accepted-answer"' in page
    # first: the marked answer comes before the conversation (newest first there)
    assert page.index("Essaie ceci") < page.index("Ou cela")
    assert page.index("Réponse acceptée") < page.index('id="comments"')


def test_readers_who_are_not_the_author_see_no_accept_button_and_cannot_post_one(client, thread):
    client.force_login(thread["other"])
    accept_url = reverse(
        "communities:accept_answer",
        args=[thread["where"].slug, thread["question"].pk, thread["first"].pk],
    )
    assert accept_url.encode() not in client.get(thread["question"].get_absolute_url()).content
    client.post(accept_url)
    assert Post.objects.get(pk=thread["question"].pk).accepted_answer is None


def test_a_hidden_accepted_answer_is_no_longer_shown_to_readers(client, thread):
    accept_answer(post=thread["question"], comment=thread["first"], by=thread["asker"])
    hide(moderator=thread["animator"], comment=thread["first"])
    client.force_login(thread["other"])
    page = client.get(thread["question"].get_absolute_url())
    assert b'data-testid="accepted-answer"' not in page.content
