"""Notices of communities: new posts reach those who follow the community, the author or a
tag, and may read the post; answers reach the asker at once; an accepted answer its writer.
Never the person who acted, never anyone outside a closed or secret community. Notices go
through the outbox after commit, and email follows each person's preferences."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Community, Post, Visibility
from communities.services.follows import follow
from communities.signals import answer_accepted, comment_posted, member_joined, post_published
from core.models import OutboxTask
from core.outbox import run_stored_task
from notifications.jobs import send_digests
from notifications.models import Notification
from notifications.selectors import with_availability
from tests.communities.factories import community, join, post
from tests.conversations.factories import comment_on
from tests.notifications.factories import prefers
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """Messages made in the test are asserted in English; notices made by background work
    speak the site's language, French."""


def run_notices() -> None:
    for row in OutboxTask.objects.filter(
        task_path="communities.tasks.deliver_notices", finished_at__isnull=True
    ).order_by("pk"):
        assert run_stored_task(row.pk) == "done", row.last_error


def notified(key: str) -> set[str]:
    return set(Notification.objects.filter(key=key).values_list("recipient__username", flat=True))


def joined(target: Community, *users) -> None:
    """Members as the membership service makes them: joining sends `member_joined`."""
    for user in users:
        join(target, user)
        member_joined.send(sender=Community, community=target, user=user)


def published(target: Community, **fields) -> Post:
    made = post(target, **fields)
    post_published.send(sender=Post, post=made)
    run_notices()
    return made


def test_a_new_post_reaches_followers_of_its_community_author_and_tags_but_not_its_author():
    author = person(username="author", first_name="Alix", last_name="Martin")
    member, fan, tagger, stranger = (person(username=n) for n in ("member", "fan", "tag", "x"))
    open_one = community()
    joined(open_one, author, member)
    follow(user=fan, target=author)
    follow(user=tagger, target="Cuisine")
    follow(user=author, target="cuisine")  # the author follows the tag too: still not notified

    made = post(open_one, author=author, title="Tarte")
    made.tags.add("cuisine")
    post_published.send(sender=Post, post=made)
    run_notices()

    assert notified(f"communities:post:{made.pk}") == {"member", "fan", "tag"}
    notice = Notification.objects.get(recipient=member)
    assert notice.message == "Alix Martin a publié dans « Cuisine du monde » : Tarte"
    assert not notice.immediate and notice.url == made.get_absolute_url()
    assert stranger.notifications.count() == 0


def test_a_closed_communitys_post_never_reaches_a_follower_who_is_not_a_member():
    author, member, follower = person(), person(username="member"), person(username="follower")
    closed = community(visibility=Visibility.CLOSED)
    joined(closed, author, member)
    follow(user=follower, target=closed)
    follow(user=follower, target=author)

    made = published(closed, author=author)

    assert notified(f"communities:post:{made.pk}") == {"member"}


def test_a_member_who_unfollows_stays_a_member_and_hears_nothing():
    author, quiet = person(), person(username="quiet")
    open_one = community()
    joined(open_one, author, quiet)
    open_one.followers.filter(user=quiet).delete()

    made = published(open_one, author=author)

    assert notified(f"communities:post:{made.pk}") == set()


def test_an_answer_to_my_question_is_emailed_to_me_at_once_over_smtp(smtp_server):
    asker = person(username="asker", first_name="Alix", last_name="Martin")
    helper = person(username="helper", first_name="Hugo", last_name="Petit")
    open_one = community()
    joined(open_one, asker, helper)
    question = published(open_one, author=asker, kind="question", title="Où est la salle ?")
    answer = comment_on(question, author=helper, body="<p>Au 2e</p>")
    own = comment_on(question, author=asker, body="<p>Merci</p>")

    comment_posted.send(sender=Post, post=question, comment=answer)
    comment_posted.send(sender=Post, post=question, comment=own)
    run_notices()

    assert notified(f"communities:answer:{answer.pk}") == {"asker"}
    assert notified(f"communities:answer:{own.pk}") == set()
    [email] = smtp_server.to("asker@example.org")
    assert (
        email["Subject"].strip()
        == "[Ruche] Hugo Petit a répondu à votre question « Où est la salle ? »"
    )
    assert question.get_absolute_url() in smtp_server.body(email)
    assert not smtp_server.to("helper@example.org")


def test_people_who_read_in_the_app_only_get_the_notice_and_no_email(smtp_server):
    asker, helper = person(username="asker"), person()
    prefers(asker, "in_app")
    open_one = community()
    joined(open_one, asker, helper)
    question = published(open_one, author=asker, kind="question")

    comment_posted.send(
        sender=Post, post=question, comment=comment_on(question, author=helper, body="Oui")
    )
    run_notices()

    assert asker.notifications.count() == 1
    assert smtp_server.messages == []


def test_new_posts_wait_for_the_digest_of_those_who_chose_it(smtp_server):
    author, reader = person(), person(username="reader")
    prefers(reader, "daily")
    open_one = community(name="Vélo")
    joined(open_one, author, reader)
    published(open_one, author=author, title="Sortie dimanche")
    assert smtp_server.messages == []

    send_digests("daily", now=timezone.now() + timedelta(days=1))

    [digest] = smtp_server.to("reader@example.org")
    assert "Sortie dimanche" in smtp_server.body(digest)


def test_a_reply_reaches_the_author_of_the_comment_it_answers_and_the_posts_author():
    author, first, second = (person(username=n) for n in ("author", "first", "second"))
    open_one = community()
    joined(open_one, author, first, second)
    made = published(open_one, author=author)
    top = comment_on(made, author=first, body="Bien")
    reply = comment_on(made, author=second, body="Oui", parent=top)

    comment_posted.send(sender=Post, post=made, comment=reply)
    run_notices()

    assert notified(f"communities:comment:{reply.pk}") == {"author"}
    assert notified(f"communities:reply:{reply.pk}") == {"first"}


def test_an_accepted_answer_reaches_its_writer_unless_they_asked_the_question():
    asker, helper = person(username="asker"), person(username="helper")
    open_one = community()
    joined(open_one, asker, helper)
    question = published(open_one, author=asker, kind="question", title="Wifi ?")
    answer = comment_on(question, author=helper, body="Le code est au dos")
    own = comment_on(question, author=asker, body="Trouvé")

    answer_accepted.send(sender=Post, post=question, comment=answer)
    answer_accepted.send(sender=Post, post=question, comment=own)
    run_notices()

    assert notified(f"communities:accepted:{question.pk}:{answer.pk}") == {"helper"}
    assert notified(f"communities:accepted:{question.pk}:{own.pk}") == set()
    accepted = helper.notifications.get(key__startswith="communities:accepted:")
    assert accepted.message == "Votre réponse à « Wifi ? » a été acceptée" and accepted.immediate


def test_running_a_notice_task_twice_sends_each_notice_and_email_once(smtp_server):
    from communities.tasks import deliver_notices

    asker, helper = person(username="asker"), person()
    open_one = community()
    joined(open_one, asker, helper)
    question = published(open_one, author=asker, kind="question")
    answer = comment_on(question, author=helper, body="Oui")

    deliver_notices.call("comment", question.pk, answer.pk)
    deliver_notices.call("comment", question.pk, answer.pk)

    assert asker.notifications.count() == 1
    assert len(smtp_server.to("asker@example.org")) == 1


def test_a_notice_about_a_post_one_can_no_longer_read_shows_neutrally():
    author, member = person(), person()
    open_one = community()
    joined(open_one, author, member)
    published(open_one, author=author)
    [notice] = with_availability(member, member.notifications.all())
    assert notice.available

    Community.objects.filter(pk=open_one.pk).update(visibility=Visibility.SECRET)
    open_one.memberships.filter(user=member).delete()
    member = type(member).objects.get(pk=member.pk)  # a new request: memberships read again

    [notice] = with_availability(member, member.notifications.all())
    assert not notice.available


def test_a_scheduled_post_notifies_nobody_before_its_time():
    author, member = person(), person(username="member")
    open_one = community()
    joined(open_one, author, member)

    made = published(open_one, author=author, publish_at=timezone.now() + timedelta(hours=3))

    assert notified(f"communities:post:{made.pk}") == set()
