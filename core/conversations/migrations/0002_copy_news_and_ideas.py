"""Every news comment, reply, reaction and report, and every idea comment and report, moves
into the conversations tables.

Idea comments keep their ids (notices name them: `ideas:comment:<id>`); news comments get new
ones after them, replies following their parent. Dates, authors, hidden state, report counts,
import references and outcomes are kept. A news report already dealt with becomes `hidden`
when its comment is hidden, else `dismissed`. Reversible: the rows go back, with their ids.
"""

from django.core.management.color import no_style
from django.db import migrations
from django.utils import timezone


def _reset_sequences(schema_editor, *models):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(statement)


def _keep_dates(*models):
    """Historical models keep `auto_now_add`; the copies must keep the dates they had."""
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now_add", False):
                field.auto_now_add = False


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Conversation = apps.get_model("conversations", "Conversation")
    Comment = apps.get_model("conversations", "Comment")
    Reaction = apps.get_model("conversations", "Reaction")
    Report = apps.get_model("conversations", "Report")
    NewsComment = apps.get_model("news", "Comment")
    NewsReaction = apps.get_model("news", "Reaction")
    NewsReport = apps.get_model("news", "CommentReport")
    IdeaComment = apps.get_model("ideas", "Comment")
    IdeaReport = apps.get_model("ideas", "Report")

    conversations: dict[tuple[int, int], int] = {}

    def conversation(content_type_id: int, object_id: int) -> int:
        key = (content_type_id, object_id)
        if key not in conversations:
            conversations[key] = Conversation.objects.get_or_create(
                content_type_id=content_type_id,
                object_id=object_id,
                defaults={"created_at": timezone.now()},
            )[0].pk
        return conversations[key]

    # Ideas: same ids, so parents and notices need no translation.
    idea_type = ContentType.objects.get_or_create(app_label="ideas", model="idea")[0]
    Comment.objects.bulk_create(
        Comment(
            id=old.pk,
            conversation_id=conversation(idea_type.pk, old.idea_id),
            author_id=old.author_id,
            parent_id=old.parent_id,
            body=old.body,
            import_ref=old.import_ref,
            report_count=old.report_count,
            hidden_at=old.hidden_at,
            created_at=old.created_at,
        )
        for old in IdeaComment.objects.order_by("pk").iterator()
    )
    _reset_sequences(schema_editor, Comment)
    Report.objects.bulk_create(
        Report(
            conversation_id=conversation(
                idea_type.pk, old.idea_id if old.idea_id else old.comment.idea_id
            ),
            comment_id=old.comment_id,
            reporter_id=old.reporter_id,
            reason=old.reason,
            outcome=old.outcome,
            created_at=old.created_at,
        )
        for old in IdeaReport.objects.select_related("comment").order_by("pk").iterator()
    )

    # News: the conversation is on the specific page (its content type).
    page_ids = set(NewsComment.objects.values_list("page_id", flat=True)) | set(
        NewsReaction.objects.values_list("page_id", flat=True)
    )
    page_types = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type_id"))
    report_counts: dict[int, int] = {}
    for comment_id in NewsReport.objects.values_list("comment_id", flat=True):
        report_counts[comment_id] = report_counts.get(comment_id, 0) + 1
    new_ids: dict[int, int] = {}
    pending = list(NewsComment.objects.order_by("created_at", "pk"))
    while pending:  # parents first (one level of replies, but any depth is copied)
        ready = [old for old in pending if old.parent_id is None or old.parent_id in new_ids]
        if not ready:
            raise RuntimeError("news comments whose parent is missing")
        created = Comment.objects.bulk_create(
            Comment(
                conversation_id=conversation(page_types[old.page_id], old.page_id),
                author_id=old.author_id,
                parent_id=new_ids.get(old.parent_id),
                body=old.body,
                report_count=report_counts.get(old.pk, 0),
                created_at=old.created_at,
                edited_at=old.edited_at,
                hidden_at=old.hidden_at,
                hidden_by_id=old.hidden_by_id,
            )
            for old in ready
        )
        new_ids.update({old.pk: new.pk for old, new in zip(ready, created, strict=True)})
        done = {old.pk for old in ready}
        pending = [old for old in pending if old.pk not in done]
    Reaction.objects.bulk_create(
        Reaction(
            conversation_id=conversation(page_types[old.page_id], old.page_id),
            user_id=old.user_id,
            kind=old.kind,
            created_at=old.created_at,
        )
        for old in NewsReaction.objects.order_by("pk").iterator()
    )
    Report.objects.bulk_create(
        Report(
            conversation_id=conversation(page_types[old.comment.page_id], old.comment.page_id),
            comment_id=new_ids[old.comment_id],
            reporter_id=old.reporter_id,
            reason=old.reason,
            outcome="open"
            if old.resolved_at is None
            else ("hidden" if old.comment.hidden_at else "dismissed"),
            created_at=old.created_at,
            resolved_at=old.resolved_at,
        )
        for old in NewsReport.objects.select_related("comment").order_by("pk").iterator()
    )


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Conversation = apps.get_model("conversations", "Conversation")
    Comment = apps.get_model("conversations", "Comment")
    Reaction = apps.get_model("conversations", "Reaction")
    Report = apps.get_model("conversations", "Report")
    NewsComment = apps.get_model("news", "Comment")
    NewsReaction = apps.get_model("news", "Reaction")
    NewsReport = apps.get_model("news", "CommentReport")
    IdeaComment = apps.get_model("ideas", "Comment")
    IdeaReport = apps.get_model("ideas", "Report")
    _keep_dates(NewsComment, NewsReaction, NewsReport, IdeaReport)

    idea_type = ContentType.objects.get_or_create(app_label="ideas", model="idea")[0]
    comments = Comment.objects.select_related("conversation").order_by("pk")
    IdeaComment.objects.bulk_create(
        IdeaComment(
            id=row.pk,
            idea_id=row.conversation.object_id,
            author_id=row.author_id,
            parent_id=row.parent_id,
            body=row.body,
            import_ref=row.import_ref,
            report_count=row.report_count,
            hidden_at=row.hidden_at,
            created_at=row.created_at,
        )
        for row in comments
        if row.conversation.content_type_id == idea_type.pk
    )
    NewsComment.objects.bulk_create(
        NewsComment(
            id=row.pk,
            page_id=row.conversation.object_id,
            author_id=row.author_id,
            parent_id=row.parent_id,
            body=row.body,
            created_at=row.created_at,
            edited_at=row.edited_at,
            hidden_at=row.hidden_at,
            hidden_by_id=row.hidden_by_id,
        )
        for row in comments
        if row.conversation.content_type_id != idea_type.pk
    )
    NewsReaction.objects.bulk_create(
        NewsReaction(
            page_id=row.conversation.object_id,
            user_id=row.user_id,
            kind=row.kind,
            created_at=row.created_at,
        )
        for row in Reaction.objects.select_related("conversation").order_by("pk")
    )
    reports = list(Report.objects.select_related("conversation").order_by("pk"))
    IdeaReport.objects.bulk_create(
        IdeaReport(
            idea_id=None if row.comment_id else row.conversation.object_id,
            comment_id=row.comment_id,
            reporter_id=row.reporter_id,
            reason=row.reason[:300],
            outcome=row.outcome,
            created_at=row.created_at,
        )
        for row in reports
        if row.conversation.content_type_id == idea_type.pk
    )
    NewsReport.objects.bulk_create(
        NewsReport(
            comment_id=row.comment_id,
            reporter_id=row.reporter_id,
            reason=row.reason,
            created_at=row.created_at,
            resolved_at=row.resolved_at,
        )
        for row in reports
        if row.conversation.content_type_id != idea_type.pk and row.comment_id
    )
    _reset_sequences(schema_editor, IdeaComment, NewsComment)
    Report.objects.all().delete()
    Reaction.objects.all().delete()
    Comment.objects.filter(parent__isnull=False).delete()
    Comment.objects.all().delete()
    Conversation.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0003_synonym_permissions"),
        ("ideas", "0006_co_author_invitations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
