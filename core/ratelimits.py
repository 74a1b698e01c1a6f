"""Rate limits on the actions a script could flood: sign-in, ideas, votes, questions, comments,
kudos, search, new communities. Counted by django-ratelimit in the cache named by
RATELIMIT_USE_CACHE (Redis in the full mode, so that every gunicorn worker shares the counts),
per signed-in user, and per client address as well for sign-in. The rates are settings
(`RATE_LIMITS`, one per scope).

Sign-in limits attackers, not the people they attack: what counts is the attempts that did
not succeed, per (username, client address) and per client address, so that someone guessing
a password from elsewhere never locks the owner out of their account (`SignInAttempt`).

Site views answer 429 with a page (or `{"error": ...}` to scripts asking for JSON); API
endpoints call `check_api_rate`, which answers 429 with the API's error shape.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja.errors import HttpError
from redis.exceptions import RedisError

from core.durations import human_duration

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]


def _rate(group: str, request: HttpRequest) -> str | None:
    return settings.RATE_LIMITS.get(group.removeprefix("ruche:"))


def _ip_meta_key() -> str:
    # set from the environment, with a default: never None
    key: str = settings.RATE_LIMIT_IP_META_KEY
    return key


def _user_key(group: str, request: HttpRequest) -> str:
    # an API token sets request.user too (wagtail.api.v3.auth.BearerTokenAuth)
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{request.META.get(_ip_meta_key(), '')}"


def over_limit(request: HttpRequest, scope: str) -> bool:
    """Count this request against `scope` (per person, or per address when signed out);
    whether the limit is now exceeded. Sign-in counts with `SignInAttempt` instead.

    A cache that cannot be reached lets the request through: a limit is a brake, and an
    outage of Redis must not stop people from working.
    """
    try:
        limited: bool = is_ratelimited(
            request,
            group=f"ruche:{scope}",
            key=_user_key,
            rate=_rate,
            increment=True,
        )
        return limited
    except (RedisError, OSError) as problem:
        logger.warning("rate limit %s not checked: %s", scope, problem)
        return False


def _message() -> str:
    return _("You are going too fast. Please wait a minute, then try again.")


def limit_words(scope: str) -> dict[str, Any]:
    """The limit of `scope` as people say it: `{"count": 5, "period": "1 h"}` (the period in
    the reader's language, `core.durations`); empty when the scope has no valid rate."""
    try:
        count, seconds = parse_rate(settings.RATE_LIMITS.get(scope) or "")
    except ValueError:
        return {}
    return {"count": count, "period": human_duration(timedelta(seconds=seconds))}


def too_many_requests(
    request: HttpRequest, message: str | None = None, advice: str | None = None
) -> HttpResponse:
    """429: `{"error": message}` to scripts asking for JSON, else the page, which says
    `message` (by default: going too fast) and `advice` (by default: wait a minute)."""
    message = message or _message()
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=429)
    return render(request, "429.html", {"message": message, "advice": advice}, status=429)


def rate_limited(
    *scopes: str,
    methods: tuple[str, ...] = ("POST",),
    message: Any = None,
    advice: Any = None,
) -> Callable[[View], View]:
    """Site views: each request with one of `methods` counts against every scope.

    `message` and `advice` (lazy translations) replace the 429 page's words for a limit that
    is not per minute; `%(count)s` and `%(period)s` in them are the refusing scope's limit
    (`limit_words`): "You may create %(count)s communities in %(period)s".
    """

    def words(text: Any, scope: str) -> str | None:
        if text is None:
            return None
        filled: str = str(text) % limit_words(scope) if "%(" in str(text) else str(text)
        return filled

    def decorator(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                for scope in scopes:
                    if over_limit(request, scope):
                        return too_many_requests(
                            request, words(message, scope), words(advice, scope)
                        )
            return view(request, *args, **kwargs)

        return limited

    return decorator


def check_api_rate(request: HttpRequest, scope: str) -> None:
    """API endpoints: raise a 429 `{"error": ...}` when the caller went over the limit."""
    if over_limit(request, scope):
        raise HttpError(429, _message())


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


def parse_rate(rate: str) -> tuple[int, int]:
    """`count/period` (`10/m`, `100/5m`) as (count, seconds)."""
    match = RATE.match(rate.strip())
    if match is None:
        raise ValueError(f"invalid rate {rate!r}: expected count/period, e.g. 10/m")
    count, multiplier, unit = match.groups()
    return int(count), PERIODS[unit] * int(multiplier or 1)


@dataclass
class SignInAttempt:
    """One sign-in attempt, counted before the password is checked and forgotten again when it
    succeeds: the counts are of failed (or still running) attempts, per (username, client
    address) in `sign_in` and per client address in `sign_in_ip`.

    Counting first keeps the limit exact under a burst of parallel attempts; forgetting the
    successes means that a correct password from a client that has not itself been failing is
    never refused, however many failures others made on that username.
    """

    request: HttpRequest
    counters: list[str] = field(default_factory=list)
    refused: bool = False

    @classmethod
    def start(cls, request: HttpRequest) -> SignInAttempt:
        attempt = cls(request)
        if not settings.RATELIMIT_ENABLE:
            return attempt
        address = request.META.get(_ip_meta_key(), "")
        username = request.POST.get("username", "").strip().lower()[:150]
        keys = {"sign_in": f"{username}|{address}", "sign_in_ip": address}
        cache = caches[settings.RATELIMIT_USE_CACHE]
        try:
            for scope, value in keys.items():
                rate = settings.RATE_LIMITS.get(scope)
                if not rate:
                    continue
                limit, period = parse_rate(rate)
                window = int(time.time()) // period
                digest = hashlib.sha256(value.encode()).hexdigest()
                counter = f"ruche:{scope}:{period}:{window}:{digest}"
                cache.add(counter, 0, period + 1)
                attempt.counters.append(counter)
                if cache.incr(counter) > limit:
                    attempt.refused = True
        except (RedisError, OSError, ValueError) as problem:
            logger.warning("sign-in limits not checked: %s", problem)
            attempt.refused = False
        return attempt

    def succeeded(self) -> None:
        """The password was right: this attempt no longer counts."""
        cache = caches[settings.RATELIMIT_USE_CACHE]
        for counter in self.counters:
            try:
                cache.decr(counter)
            except (RedisError, OSError, ValueError) as problem:
                logger.warning("sign-in count not corrected: %s", problem)
