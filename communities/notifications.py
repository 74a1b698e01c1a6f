"""Who hears about what happens in communities, and what they read; run by `communities.tasks`.

- A new post (or question) reaches the followers of its community, of its author and of its
  tags; joining a community follows it (`communities.receivers`), so members hear about it
  until they unfollow. It waits for the reader's digest (posts are many).
- A comment on a question reaches the question's author at once ("answers to my questions");
  a comment on a post reaches its author, and a reply the author of the comment it answers,
  in the digest.
- An accepted answer reaches its writer at once.
- Whoever a post or a comment mentions hears of it at once (`communities.mentions`).

Never the person who did it, never anyone inactive, never anyone who may not read the post
(a closed or secret community's members only: `communities.selectors.access.reader_ids`).
Notices name their post (`communities.post`), so a reader who loses access sees them
neutrally. Idempotent: each notice has a key, sent once per person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from communities.mentions import mention_message, mentioned_readers
from communities.models import Post
from communities.selectors.access import posts_readable_by, reader_ids
from communities.selectors.follows import follower_ids
from core.conversations.models import Comment
from core.richtext import plain_text
from notifications.services import notify

TARGET_KIND = "communities.post"
KIND = "communities"


def post_ids_visible_to(user: Any, ids: set[int]) -> set[int]:
    """Of these post ids, those this user may still read (registered notification target)."""
    return set(posts_readable_by(user).filter(pk__in=ids).values_list("pk", flat=True))


def readers_among(post: Post, user_ids: Iterable[int]) -> set[int]:
    """Of these people, the active ones who may read the post, in one or two queries."""
    wanted = set(user_ids)
    if not wanted:
        return set()
    active = get_user_model().objects.filter(pk__in=wanted, is_active=True)
    members = reader_ids(post.community)
    if members is not None:
        active = active.filter(pk__in=members)
    return set(active.values_list("pk", flat=True))


def _title(post: Post) -> str:
    return post.title or Truncator(plain_text(post.body)).chars(60)


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def post_recipients(post: Post) -> set[int]:
    """Followers of the post's community, author or tags who may read it, but its author."""
    tags = list(post.tags.values_list("name", flat=True))
    followers = follower_ids(community_id=post.community_id, person_id=post.author_id, tags=tags)
    return readers_among(post, followers - {post.author_id})


def _send(
    post: Post, key: str, recipients: set[int], message: Callable[[], str], immediate: bool
) -> int:
    if not recipients:
        return 0
    return notify(
        recipient_ids=recipients,
        key=f"communities:{key}",
        kind=KIND,
        message=message,
        url=post.get_absolute_url(),
        immediate=immediate,
        target=(TARGET_KIND, post.pk),
    )


def new_post(post: Post) -> int:
    title, community, name = _title(post), post.community.name, _name(post.author)
    if post.kind == "question":

        def message() -> str:
            return _("%(name)s asks in “%(community)s”: %(title)s") % {
                "name": name,
                "community": community,
                "title": title,
            }
    else:

        def message() -> str:
            return _("%(name)s posted in “%(community)s”: %(title)s") % {
                "name": name,
                "community": community,
                "title": title,
            }

    return _send(post, f"post:{post.pk}", post_recipients(post), message, immediate=False)


def new_comment(post: Post, comment: Comment) -> int:
    """The post's author (at once for a question), and the author of the comment replied to."""
    title, name = _title(post), _name(comment.author)
    sent = 0
    to_author = readers_among(post, {post.author_id} - {comment.author_id})
    if post.kind == "question":
        sent += _send(
            post,
            f"answer:{comment.pk}",
            to_author,
            lambda: (
                _("%(name)s answered your question “%(title)s”") % {"name": name, "title": title}
            ),
            immediate=True,
        )
    else:
        sent += _send(
            post,
            f"comment:{comment.pk}",
            to_author,
            lambda: (
                _("%(name)s commented on your post “%(title)s”") % {"name": name, "title": title}
            ),
            immediate=False,
        )
    parent = comment.parent
    if parent is not None:
        replied = readers_among(post, {parent.author_id} - {comment.author_id, post.author_id})
        sent += _send(
            post,
            f"reply:{comment.pk}",
            replied,
            lambda: (
                _("%(name)s replied to your comment on “%(title)s”")
                % {"name": name, "title": title}
            ),
            immediate=False,
        )
    return sent


def accepted_answer(post: Post, comment: Comment) -> int:
    """The writer of the accepted answer, unless they asked the question themselves."""
    title = _title(post)
    recipients = readers_among(post, {comment.author_id} - {post.author_id})
    return _send(
        post,
        f"accepted:{post.pk}:{comment.pk}",
        recipients,
        lambda: _("Your answer to “%(title)s” was accepted") % {"title": title},
        immediate=True,
    )


def mentioned(post: Post, key: str, text: str, author: Any) -> int:
    """The people and team members `text` mentions who may read the post, but its author."""
    recipients = readers_among(post, mentioned_readers(post, text, author))
    name, title = _name(author), _title(post)
    return _send(post, key, recipients, lambda: mention_message(name, title), immediate=True)


def deliver(event: str, post_id: int, comment_id: int | None = None) -> int:
    """Post the notices of one event (`post`, `comment` or `accepted`); returns emails sent.

    Read again here, in background work: a post deleted or hidden meanwhile notifies nobody.
    """
    post = Post.objects.published().select_related("community", "author").filter(pk=post_id).first()
    if post is None:
        return 0
    if event == "post":
        return new_post(post) + mentioned(post, f"mention:{post.pk}", post.body, post.author)
    if comment_id is None:
        return 0
    comment = (
        Comment.objects.select_related("author", "parent")
        .filter(pk=comment_id, hidden_at__isnull=True)
        .first()
    )
    if comment is None:
        return 0
    if event == "comment":
        return new_comment(post, comment) + mentioned(
            post, f"mention:comment:{comment.pk}", comment.body, comment.author
        )
    if event == "accepted":
        return accepted_answer(post, comment)
    return 0
