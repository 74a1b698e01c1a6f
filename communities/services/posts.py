"""Writing posts and questions: publish (now or scheduled), edit with history, delete, pin.

Who may: members of a community post in it (joining an open one is one click, the composer
says so); the author or an animator edits and deletes; animators pin and schedule.
Administrators may do what animators do. Refusals are core.conversations' errors (their
message is what the person reads, their status what the API answers).
`post_published` is sent once the write has committed, at once or, for a scheduled post,
by the scheduler (communities/announcements.py) when its time comes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection

from communities.models import Community, Post, PostAttachment, PostKind, PostRevision
from communities.selectors.access import can_animate, role_in
from communities.signals import post_published
from core.conversations.errors import Invalid, NotAllowed, NotFound
from core.conversations.models import Conversation
from core.richtext import text_to_html
from core.text import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, first_bidi_control, too_long_message
from core.uploads import content_problem

from .polls import PollSpec, attach_poll

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

MAX_ATTACHMENTS = 5
IMAGE_SIGNATURES = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
}
# A bare address in a paragraph becomes a link (not one already inside a tag or a link).
_BARE_URL = re.compile(r"(?<![\"'=>/\w])(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)])")


def autolink(markup: str) -> str:
    """Turn bare http(s) addresses of sanitised HTML into links, outside existing links."""
    parts = re.split(r"(<a\b.*?</a>|<[^>]+>)", markup, flags=re.S)
    for index, part in enumerate(parts):
        if not part.startswith("<"):
            parts[index] = _BARE_URL.sub(
                r'<a href="\1" rel="noopener noreferrer">\1</a>', part
            )
    return "".join(parts)


def clean_body(text: str, *, what: str, limit: int = DESCRIPTION_MAX_LENGTH) -> str:
    """Sanitised HTML (scripts, styles and events dropped, links kept and bare addresses
    linked) that still says something, at most `limit` characters as written."""
    if len(text or "") > limit:
        raise Invalid(too_long_message(len(text), limit))
    markup = autolink(text_to_html(text or ""))
    if not strip_tags(markup).strip():
        raise Invalid(what)
    return markup


def clean_title(title: str, *, required: bool) -> str:
    title = " ".join((title or "").split())
    if len(title) > TITLE_MAX_LENGTH:
        raise Invalid(too_long_message(len(title), TITLE_MAX_LENGTH))
    code = first_bidi_control(title)
    if code:
        raise Invalid(
            _("Remove the invisible text direction character (%(code)s) from the title.")
            % {"code": code}
        )
    if required and not title:
        raise Invalid(_("A question needs a title."))
    return title


def clean_tags(tags: Iterable[str]) -> list[str]:
    """At most 10 tags, each at most 100 characters, duplicates (any case) dropped."""
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split())[:100]
        if tag and tag.lower() not in {existing.lower() for existing in cleaned}:
            cleaned.append(tag)
    return cleaned[:10]


def may_post(user: Any, community: Community) -> bool:
    """Members (animators included) post; others join first."""
    return role_in(user, community) is not None


def may_edit(user: Any, post: Post) -> bool:
    """The author, the community's animators and administrators."""
    if not getattr(user, "is_authenticated", False):
        return False
    return post.author_id == user.pk or can_animate(user, post.community)


def _attachment_problem(upload: UploadedFile) -> str | None:
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if upload.size and upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
        return _("%(name)s is too large.") % {"name": name}
    if extension in IMAGE_SIGNATURES:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not head.startswith(IMAGE_SIGNATURES[extension]):
            return _("This file is not a real .%(ext)s file.") % {"ext": extension}
        return None
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        return _("%(name)s: this kind of file cannot be attached.") % {"name": name}
    return content_problem(upload)


def check_attachments(uploads: Sequence[UploadedFile]) -> None:
    """Refuse (Invalid) too many files, files too large, or files whose content is not what
    their name says (core.uploads)."""
    if len(uploads) > MAX_ATTACHMENTS:
        raise Invalid(_("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS})
    for upload in uploads:
        problem = _attachment_problem(upload)
        if problem:
            raise Invalid(problem)


def _attach(post: Post, uploads: Sequence[UploadedFile], by: User) -> None:
    document_model = get_document_model()
    root = Collection.get_first_root_node()
    start = post.attachments.count()
    for position, upload in enumerate(uploads, start=start):
        name = (upload.name or "file").rsplit("/", 1)[-1]
        document = document_model(title=name[:255], file=upload, collection=root)
        document.uploaded_by_user = by
        document.save()
        extension = name.rsplit(".", 1)[-1].lower()
        PostAttachment.objects.create(
            post=post, document=document, is_image=extension in IMAGE_SIGNATURES, position=position
        )


def _announce(post: Post) -> None:
    """Mark the post announced and send `post_published` after commit (exactly once: the
    caller holds the row or has just created it)."""
    Post.objects.filter(pk=post.pk).update(announced_at=timezone.now())
    transaction.on_commit(lambda: post_published.send(sender=Post, post=post))


def publish_post(
    *,
    community: Community,
    author: User,
    kind: str,
    title: str,
    body: str,
    tags: Iterable[str] = (),
    publish_at: datetime | None = None,
    poll: PollSpec | None = None,
    attachments: Sequence[UploadedFile] = (),
) -> Post:
    """A member publishes a post or a question (title required), with tags, attachments and
    a poll. `publish_at` in the future (animators only) keeps it hidden until then."""
    if not may_post(author, community):
        raise NotAllowed(_("Join this community to post in it."))
    if kind not in PostKind.values:
        raise Invalid(_("Unknown type of post."))
    title = clean_title(title, required=kind == PostKind.QUESTION)
    markup = clean_body(body, what=_("Write something."))
    now = timezone.now()
    scheduled = publish_at is not None and publish_at > now
    moment = publish_at if publish_at is not None and scheduled else now
    if scheduled and not can_animate(author, community):
        raise NotAllowed(_("Only animators can schedule posts."))
    check_attachments(attachments)
    with transaction.atomic():
        post = Post.objects.create(
            community=community,
            author=author,
            kind=kind,
            title=title,
            body=markup,
            created_at=now,
            publish_at=moment,
            last_activity_at=moment,
        )
        post.tags.set(clean_tags(tags))
        if poll is not None:
            attach_poll(post, poll)
        _attach(post, attachments, author)
        if not scheduled:
            _announce(post)
    return post


def edit_post(
    *,
    post: Post,
    by: User,
    title: str,
    body: str,
    tags: Iterable[str] | None = None,
    attachments: Sequence[UploadedFile] = (),
) -> Post:
    """The author or an animator rewrites a post; what it said before is kept as a
    PostRevision (readers see the history), and the post is marked edited."""
    if not may_edit(by, post):
        raise NotAllowed(_("Only the author or an animator can edit this post."))
    title = clean_title(title, required=post.kind == PostKind.QUESTION)
    markup = clean_body(body, what=_("Write something."))
    check_attachments(attachments)
    if post.attachments.count() + len(attachments) > MAX_ATTACHMENTS:
        raise Invalid(_("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS})
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        if (locked.title, locked.body) != (title, markup):
            PostRevision.objects.create(
                post=locked, title=locked.title, body=locked.body, edited_by=by
            )
            locked.title, locked.body, locked.edited_at = title, markup, timezone.now()
            locked.save(update_fields=["title", "body", "edited_at"])
        if tags is not None:
            locked.tags.set(clean_tags(tags))
        _attach(locked, attachments, by)
    return locked


def delete_post(*, post: Post, by: User) -> None:
    """The author or an animator deletes a post, with its poll, its conversation and its
    attached files."""
    if not may_edit(by, post):
        raise NotAllowed(_("Only the author or an animator can delete this post."))
    with transaction.atomic():
        document_ids = list(post.attachments.values_list("document_id", flat=True))
        Conversation.objects.filter(
            content_type=ContentType.objects.get_for_model(Post), object_id=post.pk
        ).delete()
        post.delete()
        get_document_model().objects.filter(pk__in=document_ids).delete()


def _pin(post: Post, by: User, pinned: bool) -> Post:
    if not can_animate(by, post.community):
        raise NotAllowed(_("Only animators can pin posts."))
    if post.hidden_at is not None:
        raise NotFound(_("This post does not exist."))
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(pinned_at=timezone.now() if pinned else None)
    post.refresh_from_db(fields=["pinned_at"])
    return post


def pin_post(*, post: Post, by: User) -> Post:
    """An animator pins a post: pinned posts come first in the community."""
    return _pin(post, by, True)


def unpin_post(*, post: Post, by: User) -> Post:
    """An animator unpins a post: it goes back to its place by date."""
    return _pin(post, by, False)
