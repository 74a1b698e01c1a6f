"""What core.conversations promises, whatever app plugs in: one level of replies, an edit
history, one report per person, hiding at the threshold, the moderators' scopes, sanitised
bodies, and threads read in a fixed number of queries."""

import pytest
from django.contrib.auth.models import Group

from core.conversations.errors import Conflict, Invalid, NotAllowed
from core.conversations.models import Comment, Report
from core.conversations.selectors import moderation_queue, threads
from core.conversations.services import (
    dismiss_report,
    edit_comment,
    hide,
    post_comment,
    react,
    report,
    restore,
)
from news.services.sections import configure_roles
from tests.ideas.factories import challenge, idea
from tests.news.factories import publish_news, sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(db):
    sections()
    return publish_news(title="Cantine")


@pytest.fixture
def editor(db):
    configure_roles()
    user = person(username="elise")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(db):
    user = person(username="modo")
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user


def test_a_reply_to_a_reply_is_refused(news):
    camille = person(username="camille")
    top = post_comment(author=camille, target=news, body="Premier")
    reply = post_comment(author=camille, target=news, body="Réponse", parent=top)

    with pytest.raises(Invalid):
        post_comment(author=camille, target=news, body="Trop loin", parent=reply)
    assert reply.parent == top and Comment.objects.count() == 2


def test_a_reply_stays_in_the_conversation_of_its_target(news):
    camille = person(username="camille")
    elsewhere = post_comment(author=camille, target=publish_news(title="Autre"), body="Ailleurs")

    with pytest.raises(Invalid):
        post_comment(author=camille, target=news, body="Réponse", parent=elsewhere)


def test_an_edit_keeps_the_previous_body_in_the_history(news):
    camille = person(username="camille")
    comment = post_comment(author=camille, target=news, body="Avant")

    edit_comment(user=camille, comment=comment, body="Après")
    edit_comment(user=camille, comment=comment, body="Enfin")

    comment.refresh_from_db()
    assert comment.body == "Enfin" and comment.edited_at is not None
    history = list(comment.revisions.values_list("previous_body", "edited_by"))
    assert history == [("Avant", camille.pk), ("Après", camille.pk)]
    with pytest.raises(NotAllowed):
        edit_comment(user=person(username="mathilde"), comment=comment, body="Pirate")


def test_a_comment_is_hidden_after_the_threshold_of_reports_and_counted_once_per_reporter():
    target = idea(challenge(phase="open", reports_to_hide=2))
    comment = post_comment(author=person(username="c"), target=target, body="Bof")
    first = person(username="r1")

    report(reporter=first, comment=comment)
    with pytest.raises(Conflict):
        report(reporter=first, comment=comment)
    comment.refresh_from_db()
    assert comment.hidden_at is None and comment.report_count == 1

    report(reporter=person(username="r2"), comment=comment, reason="Grossier")
    comment.refresh_from_db()
    target.refresh_from_db()
    assert comment.hidden_at is not None and comment.report_count == 2
    assert target.comment_count == 0  # the idea's callback took it out of the count


def test_restore_and_dismiss_close_the_open_reports_with_their_outcome(moderator):
    target = idea(challenge(phase="open", reports_to_hide=0))
    comment = post_comment(author=person(username="c"), target=target, body="Limite")
    report(reporter=person(username="r1"), comment=comment)
    report(reporter=person(username="r2"), target=target)

    hide(moderator=moderator, comment=comment)
    restore(moderator=moderator, comment=comment)
    dismiss_report(moderator=moderator, target=target)

    outcomes = dict(Report.objects.values_list("comment_id", "outcome"))
    assert outcomes == {comment.pk: "hidden", None: "dismissed"}
    comment.refresh_from_db()
    assert comment.hidden_at is None and comment.report_count == 0
    with pytest.raises(NotAllowed):
        hide(moderator=person(username="x"), comment=comment)


def test_each_reaction_is_given_once_and_taken_back(news):
    camille = person(username="camille")
    assert react(user=camille, target=news, kind="like") is True
    assert react(user=camille, target=news, kind="like") is False
    with pytest.raises(Invalid):
        react(user=camille, target=news, kind="angry")


def test_the_queue_shows_each_moderator_what_they_moderate(news, editor, moderator):
    owner_a, owner_b = person(username="owner-a"), person(username="owner-b")
    idea_a = idea(challenge(owner=owner_a, title="A", phase="open"), title="Idée A")
    idea_b = idea(challenge(owner=owner_b, title="B", phase="open"), title="Idée B")
    on_a = post_comment(author=person(username="c"), target=idea_a, body="Sur A")
    on_news = post_comment(author=person(username="d"), target=news, body="Sur la news")
    reporter = person(username="r")
    report(reporter=reporter, comment=on_a)
    report(reporter=reporter, target=idea_b)
    report(reporter=reporter, comment=on_news)

    def seen(user):
        return {
            (item.title, item.comment.body if item.comment else None)
            for item in moderation_queue(user)
        }

    assert seen(owner_a) == {("Idée A", "<p>Sur A</p>")}
    assert seen(owner_b) == {("Idée B", None)}
    assert seen(editor) == {("Cantine", "Sur la news")}
    assert seen(moderator) == seen(owner_a) | seen(owner_b) | seen(editor)
    assert seen(person(username="employee")) == set()


def test_an_owner_moderates_their_challenge_only():
    owner_a = person(username="owner-a")
    idea_b = idea(challenge(owner=person(username="owner-b"), title="B", phase="open"))
    comment = post_comment(author=person(username="c"), target=idea_b, body="Sur B")

    with pytest.raises(NotAllowed):
        hide(moderator=owner_a, comment=comment)


def test_a_body_is_sanitised_for_rich_targets_and_escaped_for_plain_ones(client, news):
    target = idea(challenge(phase="open"))
    rich = post_comment(
        author=person(username="c"), target=target, body="Bravo <script>x()</script>"
    )
    assert "<script>" not in rich.body and "Bravo" in rich.body

    plain = post_comment(author=person(username="d"), target=news, body="<script>alert(1)</script>")
    assert plain.body == "<script>alert(1)</script>"  # stored as written, escaped when shown
    client.force_login(person(username="reader"))
    html = client.get(news.url).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_threads_are_read_in_three_queries_whatever_their_number(
    news, editor, django_assert_num_queries
):
    for number in range(12):
        top = post_comment(author=person(username=f"w{number}"), target=news, body=f"Fil {number}")
        post_comment(author=person(username=f"r{number}"), target=news, body="Réponse", parent=top)
    editor.has_perm("news.moderate_engagement")  # permissions cached, as in a request

    with django_assert_num_queries(3):  # count, page of threads with authors, their replies
        page = threads(news, editor)
        replies = [reply.body for thread in page for reply in thread.thread_replies]
    assert len(page.object_list) == 10 and replies == ["Réponse"] * 10


def test_a_deleted_target_takes_its_conversation_with_it():
    from core.conversations.models import Conversation

    target = idea(challenge(phase="open"))
    comment = post_comment(author=person(username="c"), target=target, body="Bravo")
    report(reporter=person(username="r"), comment=comment)

    target.delete()

    assert not Conversation.objects.exists() and not Comment.objects.exists()
