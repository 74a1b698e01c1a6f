"""Which Wagtail site answers a request, kept in Django's cache per host and port.

Wagtail finds the site of a request with one query and keeps it on the request only
(`Site.find_for_request`), so every request paid that query. `SiteCacheMiddleware` hands
Wagtail the site read from the cache instead; the cache forgets every host's site when a
site is saved or deleted, and when any page is saved, deleted, published or moved (the
cached site carries its root page, whose title, slug or address may be what changed), with
the versions of core/cache_versions.py, so no request reads a site older than a change.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache_versions import current, renew

VERSION = "ruche:site:version"
TIMEOUT = 600  # seconds: what a change made behind the signals' back lasts at most


def site_for_request(request: HttpRequest) -> Site | None:
    """The site of this request's host and port, as `Site.find_for_request` finds it."""
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    # Hashed: the host is what the client sent (one of ALLOWED_HOSTS), of any length.
    digest = hashlib.sha256(f"{hostname}:{port}".encode()).hexdigest()[:24]
    key = f"ruche:site:{current(VERSION)}:{digest}"
    found: tuple[Site | None] | None = cache.get(key)
    if found is None:
        try:
            site: Site | None = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            site = None
        found = (site,)
        cache.set(key, found, timeout=TIMEOUT)
    return found[0]


class SiteCacheMiddleware:
    """Give Wagtail the request's site from the cache (after CommonMiddleware, which refuses
    hosts outside ALLOWED_HOSTS)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)  # type: ignore[attr-defined]
        return self.get_response(request)


def forget_sites(**kwargs: Any) -> None:
    renew([VERSION])


def forget_sites_for_page(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        renew([VERSION])


def connect() -> None:
    """Forget the cached sites on the changes above: called once from `IntranetConfig.ready()`."""
    uid = "intranet.sites"
    post_save.connect(forget_sites, sender=Site, dispatch_uid=f"{uid}.site-saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid=f"{uid}.site-deleted")
    post_save.connect(forget_sites_for_page, dispatch_uid=f"{uid}.page-saved")
    post_delete.connect(forget_sites_for_page, dispatch_uid=f"{uid}.page-deleted")
    page_published.connect(forget_sites, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(forget_sites, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(forget_sites, dispatch_uid=f"{uid}.moved")
