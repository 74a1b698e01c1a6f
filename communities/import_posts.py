"""Import kind `post` (DESIGN.md §2): a post or question of a community, with its comments.

`community` is a community key (import kind `community`), `author` and each comment's author
person keys. Imported posts are history: they are published at `created_at` and announced
at once (no `post_published` for them, nobody is notified of the past). Comments are matched
by their position in the list, so that a re-import updates them; `accepted_answer` is the
index (from 0) of the question's accepted comment.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from communities.models import Post, PostKind
from communities.services.posts import autolink, clean_tags
from core.conversations.models import Comment
from core.conversations.services import conversation_for
from core.importing import ImportKind, ImportRowError, register
from core.importing.dates import parse_moment
from core.richtext import text_to_html
from core.text import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH


def _person(ctx: Any, key: Any) -> Any:
    return ctx.resolve("person", key).user


@register
class PostKindImport(ImportKind):
    kind = "post"
    required = ("community", "author", "body")
    references = {"community": "community", "author": "person"}

    def import_row(self, row: dict[str, Any], ctx: Any) -> tuple[Post, bool]:
        community = ctx.resolve("community", row["community"])
        author = _person(ctx, row["author"])
        body = autolink(
            text_to_html(self.text(row, "body", required=True, max_length=DESCRIPTION_MAX_LENGTH))
        )
        title = self.text(row, "title", max_length=TITLE_MAX_LENGTH, title=True)
        kind = self.choice(row, "type", list(PostKind.values), PostKind.POST)
        if kind == PostKind.QUESTION and not title:
            raise ImportRowError("a question needs a 'title'")
        created_at = parse_moment(row, "created_at") or timezone.now()
        tags = clean_tags(self.string_list(row, "tags"))
        comments = self._comments(row, ctx)
        accepted = row.get("accepted_answer")
        if accepted is not None:
            if kind != PostKind.QUESTION:
                raise ImportRowError("only a question has an 'accepted_answer'")
            if (
                isinstance(accepted, bool)
                or not isinstance(accepted, int)
                or not 0 <= accepted < len(comments)
            ):
                raise ImportRowError(
                    "field 'accepted_answer' must be the index (from 0) of one of its comments"
                )

        post = ctx.find("post", row["key"])
        created = post is None
        post = post or Post(created_at=created_at, announced_at=timezone.now())
        post.community, post.author, post.kind = community, author, kind
        post.title, post.body = title, body
        post.created_at = post.publish_at = created_at
        if kind != PostKind.QUESTION:
            post.accepted_answer = None
        post.save()
        post.tags.set(tags)

        conversation = conversation_for(post)
        stored = []
        for position, (comment_author, text, at) in enumerate(comments):
            fields = {"author": comment_author, "body": text}
            comment, _created = Comment.objects.update_or_create(
                conversation=conversation,
                import_ref=str(position),
                defaults={**fields, **({"created_at": at} if at else {})},
                create_defaults={**fields, "created_at": at or created_at},
            )
            stored.append(comment)
        Comment.objects.filter(conversation=conversation).exclude(import_ref="").exclude(
            import_ref__in=[str(n) for n in range(len(comments))]
        ).delete()
        visible = Comment.objects.filter(conversation=conversation, hidden_at__isnull=True)
        last = visible.order_by("-created_at").values_list("created_at", flat=True).first()
        Post.objects.filter(pk=post.pk).update(
            comment_count=visible.count(),
            last_activity_at=max(filter(None, [created_at, last])),
            accepted_answer=stored[accepted] if accepted is not None else None,
        )
        post.refresh_from_db()
        return post, created

    def _comments(self, row: dict[str, Any], ctx: Any) -> list[tuple[Any, str, Any]]:
        value = row.get("comments") or []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ImportRowError("field 'comments' must be a list of objects")
        cleaned = []
        for number, item in enumerate(value, start=1):
            if not item.get("author"):
                raise ImportRowError(f"comment {number}: missing field 'author'")
            body = item.get("body")
            if not isinstance(body, str) or not body.strip():
                raise ImportRowError(f"comment {number}: missing field 'body'")
            if len(body.strip()) > COMMENT_MAX_LENGTH:
                raise ImportRowError(
                    f"comment {number}: field 'body' is too long: {len(body.strip())} "
                    f"characters, {COMMENT_MAX_LENGTH} at most"
                )
            try:
                at = parse_moment(item, "created_at")
            except ImportRowError as error:
                raise ImportRowError(f"comment {number}: {error}") from error
            cleaned.append((_person(ctx, item["author"]), autolink(text_to_html(body.strip())), at))
        return cleaned
