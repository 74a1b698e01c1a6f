"""The installable app's three root URLs: the manifest, the service worker, the offline page.

All three are open to everyone (the sign-in page links the manifest, and browsers fetch it
without cookies) and say nothing of whoever asks: they are the same for every person.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from frontend import pwa


@login_not_required
@require_GET
@cache_control(public=True, max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    return JsonResponse(pwa.manifest(), content_type="application/manifest+json")


@login_not_required
@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker, from the site's root so that it may control every page (and said so by
    `Service-Worker-Allowed`); browsers check it for a new version on each visit."""
    script = render_to_string(
        "frontend/service-worker.js",
        {
            "version": pwa.cache_version(),
            "offline_url": json.dumps(reverse("offline")),
            "precached": json.dumps(pwa.precached_urls()),
            "static_prefix": json.dumps(settings.STATIC_URL),
            "icon": json.dumps(static("frontend/icons/icon-192.png")),
        },
    )
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_GET
@cache_control(public=True, max_age=3600)
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/offline.html", {"theme_color": pwa.theme_color()})
