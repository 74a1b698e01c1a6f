"""Files and images attached to posts are as private as the post.

They are Wagtail documents served at Wagtail's address (`/documents/<id>/<name>`), behind
core's page-privacy rule; this `before_serve_document` hook (registered in
`CommunitiesConfig.ready`) adds: a document attached to a post is downloaded only by those
who may read that post (communities.selectors.posts.post_for: readers of the community, a
hidden post's moderators). Anyone else signed in gets 404, as for a file that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from communities.models import PostAttachment
from communities.selectors.posts import post_for


def may_download(user: Any, document: Any) -> bool | None:
    """None when the document is no post's attachment (other rules decide)."""
    attachment = (
        PostAttachment.objects.filter(document_id=document.pk)
        .select_related("post__community")
        .first()
    )
    if attachment is None:
        return None
    post = attachment.post
    return post_for(user, post.community, post.pk) is not None


def serve_attachments_to_readers(document: Any, request: HttpRequest) -> HttpResponse | None:
    allowed = may_download(request.user, document)
    if allowed is None or allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
