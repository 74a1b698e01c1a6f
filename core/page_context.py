"""What a page type shows beyond its own fields, and who may open it, registered by its app.

A Wagtail page builds its template context in `get_context`, on the model; what it shows
(filtered lists, reactions, questions, forms) is read by its app's selectors and views, which
import the models. So the model does not call them: it mixes in `RegisteredContextMixin`, and
its app registers, from `AppConfig.ready()`, what each page type adds to its context
(`register_page_context`) and who may open it (`register_page_access`: anyone else gets 404,
in previews too).

Direction: the kernel imports no app; apps import this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse

if TYPE_CHECKING:
    from wagtail.models import Page as _PageBase  # what the mixin is mixed into
else:
    _PageBase = object

# Given the request and the page, the entries it adds to the page's template context.
PageContext = Callable[[Any, Any], dict[str, Any]]
# Given the user and the page, whether they may open it.
PageAccess = Callable[[Any, Any], bool]

_contexts: dict[type, list[PageContext]] = {}
_access: dict[type, list[PageAccess]] = {}


def register_page_context(model: type, build: PageContext) -> None:
    """Add what `build(request, page)` returns to the context of every `model` page, after
    what was registered before it."""
    builders = _contexts.setdefault(model, [])
    if build not in builders:
        builders.append(build)


def register_page_access(model: type, check: PageAccess) -> None:
    """Serve a `model` page only to users for whom `check(user, page)` holds."""
    checks = _access.setdefault(model, [])
    if check not in checks:
        checks.append(check)


def may_open(user: Any, page: Any) -> bool:
    """Whether every access check registered for this page's type lets `user` open it."""
    return all(check(user, page) for check in _access.get(type(page), ()))


class RegisteredContextMixin(_PageBase):
    """For page models: serving and context completed by what their app registered."""

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_open(request.user, self):
            raise Http404
        response: HttpResponse = super().serve(request, *args, **kwargs)
        return response

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        for build in _contexts.get(type(self), ()):
            context.update(build(request, self))
        return context
