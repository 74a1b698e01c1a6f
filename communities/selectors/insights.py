"""Reads of communities for the insights app: what people wrote in posts and answers.

A fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db.models import F
from django.utils.html import strip_tags

from communities.models import Post
from core.conversations.selectors import comments_of


def community_texts(*, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Posts, questions and their comments (answers included) written in [start, end).

    Each row: author_id, created_at, text (plain), tags (of the post), topic (the community's
    name), anonymous (always False: posts are signed), public (the community is open, so
    anyone may read it). Hidden posts and comments, and posts not yet published, are left out.
    """
    posts = list(
        Post.objects.published()
        .filter(created_at__gte=start, created_at__lt=end)
        .values("id", "author_id", "created_at", "title", "body", "community__name")
        .annotate(visibility=F("community__visibility"))
    )
    comments = list(
        comments_of(Post)
        .filter(created_at__gte=start, created_at__lt=end, hidden_at__isnull=True)
        .annotate(post_id=F("conversation__object_id"))
        .values("post_id", "author_id", "created_at", "body")
    )
    about = {
        row["id"]: (row["name"], row["visibility"])
        for row in Post.objects.published()
        .filter(pk__in={int(row["post_id"]) for row in comments})
        .values("id", name=F("community__name"), visibility=F("community__visibility"))
    }
    post_ids = {row["id"] for row in posts} | set(about)
    tags: dict[int, list[str]] = defaultdict(list)
    through = Post.tags.through
    for post_id, name in through.objects.filter(content_object_id__in=post_ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags[post_id].append(name)
    rows = [
        {
            "author_id": row["author_id"],
            "created_at": row["created_at"],
            "text": f"{row['title']} {strip_tags(row['body'])}".strip(),
            "tags": tags[row["id"]],
            "topic": row["community__name"],
            "anonymous": False,
            "public": row["visibility"] == "open",
        }
        for row in posts
    ]
    rows += [
        {
            "author_id": row["author_id"],
            "created_at": row["created_at"],
            "text": strip_tags(row["body"]),
            "tags": tags[int(row["post_id"])],
            "topic": about[int(row["post_id"])][0],
            "anonymous": False,
            "public": about[int(row["post_id"])][1] == "open",
        }
        for row in comments
        if int(row["post_id"]) in about
    ]
    return rows
