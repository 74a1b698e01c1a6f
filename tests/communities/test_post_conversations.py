"""Comments, replies, reactions and reports on posts (core.conversations, kind
`communities`): readers comment, each comment counts and moves the post's activity and
sends `comment_posted` once committed; reports hide at the threshold; animators and site
moderators moderate, and only theirs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from communities.conversations import KIND
from communities.models import Post, Visibility
from communities.signals import comment_posted
from core.conversations.errors import NotAllowed, NotFound
from core.conversations.models import Comment, Conversation, Reaction
from core.conversations.services import hide, post_comment, react, report
from tests.communities.factories import community, post
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_a_comment_counts_moves_activity_and_is_announced_after_commit(
    django_capture_on_commit_callbacks,
):
    reader = person()
    where = community(visibility=Visibility.OPEN)
    made = post(where, last_activity_at=timezone.now() - timedelta(days=3))
    seen = []

    def receive(sender, post, comment, **kwargs):
        seen.append((post.pk, comment.pk))

    comment_posted.connect(receive)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            said = post_comment(author=reader, target=made, body="<b>Bravo</b><script>x</script>")
            post_comment(author=reader, target=made, body="Et merci", parent=said)
    finally:
        comment_posted.disconnect(receive)
    made.refresh_from_db()
    assert made.comment_count == 2 and made.last_activity_at > timezone.now() - timedelta(1)
    assert "<script" not in said.body and seen[0] == (made.pk, said.pk) and len(seen) == 2


@pytest.mark.parametrize("visibility", [Visibility.CLOSED, Visibility.SECRET])
def test_non_readers_cannot_comment_react_or_report(visibility):
    made = post(community(visibility=visibility))
    outsider = person()
    with pytest.raises(NotFound):
        post_comment(author=outsider, target=made, body="Coucou")
    with pytest.raises(NotFound):
        report(reporter=outsider, target=made)
    assert not KIND.can_read(outsider, made)


def test_reports_hide_a_post_at_the_threshold_and_readers_then_get_404(client, settings):
    settings.COMMUNITIES_REPORTS_TO_HIDE = 2
    where = community(visibility=Visibility.OPEN)
    made = post(where)
    report(reporter=person(), target=made, reason="spam")
    assert Post.objects.get(pk=made.pk).hidden_at is None
    report(reporter=person(), target=made, reason="spam")
    assert Post.objects.get(pk=made.pk).hidden_at is not None
    client.force_login(person())
    assert client.get(made.get_absolute_url()).status_code == 404
    client.force_login(person(is_superuser=True))
    assert client.get(made.get_absolute_url()).status_code == 200


def test_animators_and_site_moderators_moderate_and_nobody_else(client):
    animator, member, moderator = person(), person(), person()
    Group.objects.get_or_create(name="Moderators")[0].user_set.add(moderator)
    where = community(members=[member], animators=[animator])
    made = post(where, author=member)
    said = post_comment(author=member, target=made, body="Hors sujet")
    with pytest.raises(NotAllowed):
        hide(moderator=member, comment=said)
    hide(moderator=animator, comment=said)
    made.refresh_from_db()
    assert made.comment_count == 0
    other = post(community(animators=[person()]))
    conversations = Conversation.objects.all()
    post_comment(author=person(), target=other, body="Ailleurs")
    assert set(KIND.moderated(animator, Conversation.objects.all())) == set(
        conversations.filter(object_id=made.pk)
    )
    assert KIND.moderates_any(moderator) and KIND.can_moderate(moderator, other)
    client.force_login(animator)
    assert client.get(reverse("conversations:queue")).status_code == 200


def test_readers_react_once_per_kind_through_the_page(client):
    reader = person()
    where = community(visibility=Visibility.OPEN)
    made = post(where)
    client.force_login(reader)
    url = reverse("communities:react_post", args=[where.slug, made.pk])
    client.post(url, {"kind": "like"})
    assert Reaction.objects.filter(user=reader, kind="like").count() == 1
    page = client.get(made.get_absolute_url()).content.decode()
    assert 'aria-pressed="true" data-reaction="like"' in page
    client.post(url, {"kind": "like"})
    assert not Reaction.objects.filter(user=reader).exists()
    assert react(user=reader, target=made, kind="celebrate")


def test_a_reply_through_the_page_lands_in_its_thread(client):
    reader = person()
    where = community(visibility=Visibility.OPEN)
    made = post(where)
    first = post_comment(author=reader, target=made, body="Question")
    client.force_login(reader)
    answer = client.post(
        reverse("communities:comment", args=[made.pk]), {"body": "Réponse", "parent": first.pk}
    )
    assert answer.status_code == 302 and "#comment-" in answer["Location"]
    assert Comment.objects.get(body="<p>Réponse</p>").parent == first
