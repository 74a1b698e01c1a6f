"""Ruche's JSON API frame (DESIGN.md §3): django-ninja at /api/, session or token auth.

Every error is `{"error": "..."}` with a 4xx status. Apps contribute routers in `urls.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import SessionAuth
from wagtail.api.v3.auth import BearerTokenAuth

from core.access import may_sign_in
from core.guests import guest_may_reach, is_guest

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.utils.datastructures import MultiValueDict
    from wagtail.models import APIToken


class TokenAuth(BearerTokenAuth):
    """Wagtail's API tokens (`Authorization: Bearer ...`), refused once their owner is
    deactivated (account off, or profile deactivated by HR, or a guest's last day passed), as
    every other way in is. A guest's token reaches only what a guest rule opens
    (`core.guests`): anything else is 404, as for their session."""

    def authenticate(self, request: HttpRequest, token: str) -> APIToken | None:
        api_token = super().authenticate(request, token)
        if api_token is not None and not may_sign_in(api_token.user):
            request.user = AnonymousUser()
            return None
        if api_token is not None and is_guest(api_token.user) and not guest_reaches(request):
            raise Http404
        return api_token


def guest_reaches(request: HttpRequest) -> bool:
    """What a guest's token may call: who they are (`/api/me/`), and what a rule opens."""
    match = request.resolver_match
    return (match is not None and match.view_name == "api:me") or guest_may_reach(request)


def signed_in_user(request: HttpRequest) -> User | None:
    """The user behind a session or a Wagtail API token (`Authorization: Bearer ...`)."""
    # Ruche keeps Django's user model (no AUTH_USER_MODEL): a signed-in user is a `User`.
    if request.user.is_authenticated:
        return request.user
    token = TokenAuth()(request)
    return cast("User", token.user) if token else None


def require_signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Guards the schema and the interactive docs: they are for signed-in users only."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if signed_in_user(request) is None:
            return JsonResponse({"error": "Authentication required."}, status=401)
        return view(request, *args, **kwargs)

    return guarded


class UnacceptableText(ValueError):
    """Text no database column can hold: a NUL character, or half of a surrogate pair."""


def check_text(value: object) -> None:
    """Raise `UnacceptableText` if any string in this JSON value (keys included) has a NUL
    character or a lone surrogate (`"\\ud800"` is valid JSON but no valid text)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise UnacceptableText(_("Text may not contain NUL (\\0) characters."))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise UnacceptableText(
                _("Text may not contain a lone surrogate (half of a UTF-16 pair).")
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key)
            check_text(item)
    elif isinstance(value, list):
        for item in value:
            check_text(item)


class TextParser(Parser):
    """ninja's JSON and query parser, refusing text PostgreSQL cannot store (400), before any
    endpoint sees it: every endpoint of the API is covered."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        # ninja answers 400 to any error raised here; `on_http_error` gives our reason.
        data: dict[str, Any] = json.loads(request.body.decode("utf-8"))
        check_text(data)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for key, values in data.lists():
            try:
                check_text([key, *(value for value in values if isinstance(value, str))])
            except UnacceptableText as problem:
                raise HttpError(400, str(problem)) from problem
        return super().parse_querydict(data, list_fields, request)


api = NinjaAPI(
    title="Ruche API",
    version="1",
    description="Search, people, news and ideas of the Ruche intranet.",
    # The token first: a bot with a token never needs the CSRF check of session writes.
    auth=[TokenAuth(), SessionAuth()],
    docs_decorator=require_signed_in,
    urls_namespace="api",
    parser=TextParser(),
)


# Where ninja found the bad value; the field name alone tells the caller what to fix.
LOCATIONS = {"query", "body", "path", "params", "form"}


def error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"error": message}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for item in exc.errors:
        where = ".".join(str(part) for part in item.get("loc", ()) if part not in LOCATIONS)
        problems.append(f"{where}: {item.get('msg')}" if where else str(item.get("msg")))
    return error(request, "; ".join(problems) or "Invalid request.", 400)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error(request, "Authentication required.", 401)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    if isinstance(cause, UnacceptableText):  # raised by the parser, wrapped by ninja
        return error(request, str(cause), 400)
    if isinstance(cause, (UnicodeDecodeError, json.JSONDecodeError)):
        return error(request, _("The body is not valid JSON in UTF-8: %s") % cause, 400)
    return error(request, str(exc), exc.status_code)


@api.exception_handler(RequestDataTooBig)
def on_body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error(request, _("The request body is too large."), 413)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, "Not found.", 404)


class Error(Schema):
    error: str


# A parameter that must hold something written: one character that is not blank. Python's
# strip() also drops \x1c-\x1f and \x85, which the schema's regular expressions (ECMAScript)
# do not count as spaces, so they are named here: the schema and the server agree.
NOT_BLANK = r"[^\s\x1c-\x1f\x85]"

# Every endpoint documents these, so that clients (and schemathesis) know the error shape.
ERRORS = {
    400: Error,
    401: Error,
    403: Error,
    404: Error,
    409: Error,
    413: Error,
    429: Error,
    503: Error,
}


class Me(Schema):
    username: str
    first_name: str
    last_name: str
    email: str
    language: str


@api.get("/me/", response={200: Me, 401: Error}, summary="The signed-in user", tags=["account"])
def me(request: HttpRequest) -> Me:
    user = request.user
    assert user.is_authenticated  # the API's auth let this request in
    return Me(
        username=user.get_username(),
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        language=request.LANGUAGE_CODE,
    )
