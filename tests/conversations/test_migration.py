"""Every news comment, reply, reaction and report, and every idea comment and report, moves
into core.conversations with its fields; and back again when the migration is unapplied."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("news", "0003_synonym_permissions"),
    ("ideas", "0006_co_author_invitations"),
    ("conversations", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    """Whatever happens in a test, the next one finds today's schema (and can be flushed)."""
    yield
    _latest()


@pytest.mark.django_db(transaction=True)
def test_every_comment_reaction_and_report_arrives_with_its_fields():
    from tests.ideas.factories import challenge, idea
    from tests.news.factories import publish_news, publish_update, sections
    from tests.people.factories import person

    sections()
    news, update = publish_news(title="Cantine"), publish_update(title="Cap 2027")
    camille, elise, olivier = (
        person(username="camille"),
        person(username="elise"),
        person(username="olivier"),
    )
    garage = idea(challenge(title="Vélo"), title="Garage")
    # Made with today's models, then the schema goes back to before the move (later
    # migrations add columns that the old schema has not).
    old = _migrate(BEFORE)
    NewsComment = old.get_model("news", "Comment")
    NewsReaction = old.get_model("news", "Reaction")
    NewsReport = old.get_model("news", "CommentReport")
    IdeaComment = old.get_model("ideas", "Comment")
    IdeaReport = old.get_model("ideas", "Report")
    long_ago = timezone.now() - timedelta(days=40)
    hidden_at = long_ago + timedelta(days=1)

    top = NewsComment.objects.create(page_id=news.pk, author_id=camille.pk, body="Miam")
    reply = NewsComment.objects.create(
        page_id=news.pk, author_id=elise.pk, body="Oui !", parent_id=top.pk
    )
    hidden = NewsComment.objects.create(
        page_id=update.pk,
        author_id=olivier.pk,
        body="Hors sujet",
        hidden_at=hidden_at,
        hidden_by_id=elise.pk,
        edited_at=hidden_at,
    )
    NewsComment.objects.filter(pk=top.pk).update(created_at=long_ago)
    NewsReaction.objects.create(page_id=news.pk, user_id=camille.pk, kind="like")
    NewsReaction.objects.create(page_id=update.pk, user_id=elise.pk, kind="support")
    NewsReport.objects.create(comment_id=top.pk, reporter_id=olivier.pk, reason="Bof")
    NewsReport.objects.create(comment_id=hidden.pk, reporter_id=camille.pk, resolved_at=hidden_at)
    NewsReport.objects.create(comment_id=reply.pk, reporter_id=olivier.pk, resolved_at=hidden_at)

    idea_top = IdeaComment.objects.create(
        idea_id=garage.pk,
        author_id=elise.pk,
        body="<p>Bravo</p>",
        import_ref="0",
        report_count=1,
        created_at=long_ago,
    )
    idea_reply = IdeaComment.objects.create(
        idea_id=garage.pk,
        author_id=camille.pk,
        parent_id=idea_top.pk,
        body="<p>Merci</p>",
        hidden_at=hidden_at,
        report_count=3,
        created_at=hidden_at,
    )
    IdeaReport.objects.create(reporter_id=olivier.pk, idea_id=garage.pk, reason="Doublon")
    IdeaReport.objects.create(
        reporter_id=olivier.pk, comment_id=idea_reply.pk, outcome="hidden", reason="Grossier"
    )

    _latest()

    from core.conversations.models import Comment, Reaction, Report
    from ideas.models import Idea
    from news.models import LeadershipUpdatePage, NewsPage

    def target(row):
        conversation = row.conversation
        return (conversation.content_type.model_class(), conversation.object_id)

    assert Comment.objects.count() == 5
    # Idea comments keep their ids (notices name them), parents included.
    moved_top, moved_reply = (
        Comment.objects.get(pk=idea_top.pk),
        Comment.objects.get(pk=idea_reply.pk),
    )
    assert target(moved_top) == (Idea, garage.pk) == target(moved_reply)
    assert (moved_top.author_id, moved_top.body, moved_top.import_ref) == (
        elise.pk,
        "<p>Bravo</p>",
        "0",
    )
    assert (moved_top.created_at, moved_top.report_count, moved_top.parent_id) == (
        long_ago,
        1,
        None,
    )
    assert (moved_reply.parent_id, moved_reply.hidden_at, moved_reply.report_count) == (
        idea_top.pk,
        hidden_at,
        3,
    )

    news_top = Comment.objects.get(body="Miam")
    news_reply = Comment.objects.get(body="Oui !")
    news_hidden = Comment.objects.get(body="Hors sujet")
    assert target(news_top) == (NewsPage, news.pk) and news_top.created_at == long_ago
    assert news_reply.parent_id == news_top.pk and news_reply.author_id == elise.pk
    assert target(news_hidden) == (LeadershipUpdatePage, update.pk)
    assert (news_hidden.hidden_at, news_hidden.hidden_by_id, news_hidden.edited_at) == (
        hidden_at,
        elise.pk,
        hidden_at,
    )
    assert (news_top.report_count, news_reply.report_count, news_hidden.report_count) == (1, 1, 1)

    reactions = {(target(r), r.user_id, r.kind) for r in Reaction.objects.all()}
    assert reactions == {
        ((NewsPage, news.pk), camille.pk, "like"),
        ((LeadershipUpdatePage, update.pk), elise.pk, "support"),
    }

    reports = {
        (target(r), r.comment_id, r.reporter_id, r.reason, r.outcome, r.resolved_at)
        for r in Report.objects.all()
    }
    assert reports == {
        ((NewsPage, news.pk), news_top.pk, olivier.pk, "Bof", "open", None),
        ((LeadershipUpdatePage, update.pk), news_hidden.pk, camille.pk, "", "hidden", hidden_at),
        ((NewsPage, news.pk), news_reply.pk, olivier.pk, "", "dismissed", hidden_at),
        ((Idea, garage.pk), None, olivier.pk, "Doublon", "open", None),
        ((Idea, garage.pk), idea_reply.pk, olivier.pk, "Grossier", "hidden", None),
    }
    tables = connection.introspection.table_names()
    assert not {"news_comment", "news_reaction", "news_commentreport"} & set(tables)
    assert not {"ideas_comment", "ideas_report"} & set(tables)
    # New comments get ids after the moved ones.
    fresh = Comment.objects.create(
        conversation=news_top.conversation, author=camille, body="Nouveau"
    )
    assert fresh.pk > max(Comment.objects.exclude(pk=fresh.pk).values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_unapplied_the_rows_go_back_with_their_ids():
    from core.conversations.services import conversation_for, post_comment, react, report
    from tests.ideas.factories import challenge, idea
    from tests.news.factories import publish_news, sections
    from tests.people.factories import person

    sections()
    news = publish_news(title="Cantine")
    camille, olivier = person(username="camille"), person(username="olivier")
    garage = idea(challenge(title="Vélo", phase="open"), title="Garage")
    on_news = post_comment(author=camille, target=news, body="Miam")
    on_idea = post_comment(author=camille, target=garage, body="Bravo")
    react(user=olivier, target=news, kind="celebrate")
    report(reporter=olivier, comment=on_idea, reason="Bof")
    assert conversation_for(garage, create=False) is not None

    old = _migrate(BEFORE)
    NewsComment = old.get_model("news", "Comment")
    IdeaComment = old.get_model("ideas", "Comment")
    IdeaReport = old.get_model("ideas", "Report")
    NewsReaction = old.get_model("news", "Reaction")
    assert list(NewsComment.objects.values_list("pk", "page_id", "body")) == [
        (on_news.pk, news.pk, "Miam")
    ]
    assert IdeaComment.objects.get(pk=on_idea.pk).idea_id == garage.pk
    assert list(IdeaReport.objects.values_list("comment_id", "reporter_id", "outcome")) == [
        (on_idea.pk, olivier.pk, "open")
    ]
    assert list(NewsReaction.objects.values_list("page_id", "kind")) == [(news.pk, "celebrate")]
    ContentType.objects.clear_cache()

    _latest()
    from core.conversations.models import Comment

    assert set(Comment.objects.values_list("pk", flat=True)) >= {on_idea.pk}
    assert Comment.objects.count() == 2
