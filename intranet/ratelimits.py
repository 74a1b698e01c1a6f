"""Rate limits on the actions a script could flood: sign-in, ideas, votes, questions, comments,
search. Counted by django-ratelimit in the cache named by RATELIMIT_USE_CACHE (Redis in the
full mode, so that every gunicorn worker shares the counts), per signed-in user, and per
client address as well for sign-in. The rates are settings (`RATE_LIMITS`, one per scope).

Site views answer 429 with a page (or `{"error": ...}` to scripts asking for JSON); API
endpoints call `check_api_rate`, which answers 429 with the API's error shape.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja.errors import HttpError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _rate(group: str, request) -> str | None:
    return settings.RATE_LIMITS.get(group.removeprefix("ruche:"))


def _user_key(group: str, request) -> str:
    # an API token sets request.user too (wagtail.api.v3.auth.BearerTokenAuth)
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{request.META.get(settings.RATE_LIMIT_IP_META_KEY, '')}"


def _ip_key(group: str, request) -> str:
    return f"ip:{request.META.get(settings.RATE_LIMIT_IP_META_KEY, '')}"


def _username_key(group: str, request) -> str:
    return "username:" + request.POST.get("username", "").strip().lower()[:150]


# What each scope counts by; any other scope counts per user.
SCOPE_KEYS = {"sign_in": _username_key, "sign_in_ip": _ip_key}


def over_limit(request, scope: str) -> bool:
    """Count this request against `scope`; whether the limit is now exceeded.

    A cache that cannot be reached lets the request through: a limit is a brake, and an
    outage of Redis must not stop people from working.
    """
    try:
        return is_ratelimited(
            request,
            group=f"ruche:{scope}",
            key=SCOPE_KEYS.get(scope, _user_key),
            rate=_rate,
            increment=True,
        )
    except (RedisError, OSError) as problem:
        logger.warning("rate limit %s not checked: %s", scope, problem)
        return False


def _message() -> str:
    return _("You are going too fast. Please wait a minute, then try again.")


def too_many_requests(request):
    message = _message()
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=429)
    return render(request, "429.html", {"message": message}, status=429)


def rate_limited(*scopes: str, methods: tuple[str, ...] = ("POST",)):
    """Site views: each request with one of `methods` counts against every scope."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method in methods:
                for scope in scopes:
                    if over_limit(request, scope):
                        return too_many_requests(request)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def check_api_rate(request, scope: str) -> None:
    """API endpoints: raise a 429 `{"error": ...}` when the caller went over the limit."""
    if over_limit(request, scope):
        raise HttpError(429, _message())
