"""What the header of every page shows and is the same from one request to the next, kept in
Django's cache (Redis with CACHE_URL, shared by every worker; else local memory).

- The main sections (news, ideas hub, leadership): the same for every reader, since only
  public live pages are listed; kept per host (their addresses depend on the site). Any
  publication, unpublication, move or deletion of a page, a change of view restrictions or of
  a site forgets them.
- Whether a reader may open the Wagtail admin: kept per person, with their active and
  superuser flags in the key, and forgotten for everyone when any group, permission or
  membership changes.

Invalidation bumps a version number that is part of every key and read before the database
is: a request that computed a value just before a change stores it under the old version,
which nobody reads any more. A timeout bounds what a change made outside Django's signals
(raw SQL, `QuerySet.update`) could leave behind.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

# The sections every employee goes to, in menu order; one query finds those that exist.
SECTION_MODELS = [
    ("news", "newsindexpage"),
    ("ideas", "ideashubpage"),
    ("news", "leadershipindexpage"),
]
TIMEOUT = 600  # seconds: what a change made behind the signals' back lasts at most
SECTIONS_VERSION = "ruche:nav:sections:version"
ADMIN_VERSION = "ruche:nav:admin:version"


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    return int(version)


def _bump(key: str) -> None:
    """A new version now, and again once the change is committed: a reader in between may
    have stored what it read before the commit under the first one."""

    def bump() -> None:
        try:
            cache.incr(key)
        except ValueError:  # never set, or evicted: any new value differs from readers' keys
            cache.set(key, 2, timeout=None)

    bump()
    transaction.on_commit(bump)


def section_links(request: HttpRequest | None) -> list[dict[str, str]]:
    """The published, public section index pages as `{"title", "url"}`, in menu order."""
    if request is None:
        return _section_links(None)
    key = f"ruche:nav:sections:{_version(SECTIONS_VERSION)}:{request.get_host()}"
    links: list[dict[str, str]] | None = cache.get(key)
    if links is None:
        links = _section_links(request)
        cache.set(key, links, timeout=TIMEOUT)
    return links


def _section_links(request: HttpRequest | None) -> list[dict[str, str]]:
    types = [ContentType.objects.get_by_natural_key(app, model).pk for app, model in SECTION_MODELS]
    pages = {
        page.content_type_id: page
        for page in Page.objects.live().public().filter(content_type_id__in=types).order_by("path")
    }
    links = []
    for content_type_id in types:
        page = pages.get(content_type_id)
        url = page.get_url(request) if page else None
        if page and url:
            links.append({"title": page.title, "url": url})
    return links


def may_open_admin(user: Any) -> bool:
    """Whether this reader has Wagtail's `access_admin` permission (for the header's link and
    the user bar), without the two permission queries once known."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    key = f"ruche:nav:admin:{_version(ADMIN_VERSION)}:{user.pk}"
    allowed: bool | None = cache.get(key)
    if allowed is None:
        allowed = bool(user.has_perm("wagtailadmin.access_admin"))
        cache.set(key, allowed, timeout=TIMEOUT)
    return allowed


def forget_sections(**kwargs: Any) -> None:
    _bump(SECTIONS_VERSION)


def forget_sections_for_page(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    """Any page saved or deleted (a title, a slug, `live` set without publishing)."""
    if isinstance(instance, Page):
        _bump(SECTIONS_VERSION)


def forget_admin_access(**kwargs: Any) -> None:
    _bump(ADMIN_VERSION)


def connect() -> None:
    """Forget what changed: called once from `FrontendConfig.ready()`."""
    uid = "frontend.navigation"
    page_published.connect(forget_sections, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(forget_sections, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(forget_sections, dispatch_uid=f"{uid}.moved")
    post_save.connect(forget_sections_for_page, dispatch_uid=f"{uid}.saved")
    post_delete.connect(forget_sections_for_page, dispatch_uid=f"{uid}.deleted")
    for model in (PageViewRestriction, Site):
        post_save.connect(forget_sections, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
        post_delete.connect(forget_sections, sender=model, dispatch_uid=f"{uid}.{model.__name__}-")
    m2m_changed.connect(
        forget_sections, sender=PageViewRestriction.groups.through, dispatch_uid=f"{uid}.pvr-g"
    )
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(forget_admin_access, sender=through, dispatch_uid=f"{uid}.{through}")
    for model in (Group, Permission):
        post_save.connect(forget_admin_access, sender=model, dispatch_uid=f"{uid}.{model}")
        post_delete.connect(forget_admin_access, sender=model, dispatch_uid=f"{uid}.{model}-")
