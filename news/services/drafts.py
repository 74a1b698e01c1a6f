"""Leadership updates drafted by Ruche itself (the monthly recognition post, insights), for
leadership to edit and publish in the admin as usual."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from wagtail.models import Page

from news.models import LeadershipUpdatePage

from .sections import ensure_leadership_index


def draft_leadership_update(
    *,
    slug: str,
    title: str,
    intro: str,
    body: Sequence[tuple[str, Any]],
    language: str,
) -> tuple[LeadershipUpdatePage, bool]:
    """An unpublished leadership update under the leadership index, once per `slug`.

    Returns the draft and whether it was created now. The slug is the key: a second run (or
    one racing this one) finds the page already there and leaves it as leadership edited it,
    because the index row is locked while looking for it (siblings' slugs are unique).
    """
    index = ensure_leadership_index()
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=index.pk).first()
        existing = LeadershipUpdatePage.objects.child_of(index).filter(slug=slug).first()
        if existing is not None:
            return existing, False
        page = LeadershipUpdatePage(
            title=title, slug=slug, intro=intro, body=list(body), language=language, live=False
        )
        index.add_child(instance=page)
        page.save_revision()
    return page, True
