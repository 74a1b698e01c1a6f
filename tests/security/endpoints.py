"""Every URL pattern Ruche serves, enumerated from the resolver, and the requests that try them.

`ruche_url_names()` walks the URL configuration: the site, the API and the Wagtail admin
entry points Ruche adds (its own admin views, its snippets' main views, and the admin home);
Wagtail's core admin and Django's internals are Wagtail's to test. Each request below names the
pattern it tries, so that a test can fail when a new pattern has no request (and no rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve

# Ruche's own apps: those whose code lives in this repository, so a new app is covered at once.
_REPO = Path(__file__).resolve().parents[2]
RUCHE_APPS = tuple(
    config.name for config in apps.get_app_configs() if Path(config.path).parent == _REPO
)
SNIPPET_VIEWS = ("list", "add", "edit", "delete")
STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name, pattern.callback


def _is_ruche_snippet(name: str) -> bool:
    if not name.startswith("wagtailsnippets_"):
        return False
    viewset, _, view = name.partition(":")
    app = viewset.removeprefix("wagtailsnippets_").split("_")[0]
    return app in RUCHE_APPS and view in SNIPPET_VIEWS


def _api_operations(callback) -> list[tuple[str, list[str]]]:
    """The (name, methods) of each operation behind a django-ninja path view, else []."""
    from ninja.operation import PathView

    for cell in getattr(callback, "__closure__", None) or ():
        if isinstance(cell.cell_contents, PathView):
            operations = cell.cell_contents.operations
            return [
                (getattr(op, "url_name", None) or op.view_func.__name__, op.methods)
                for op in operations
            ]
    return []


def endpoint(url: str, method: str) -> str:
    """What a request tries: the URL pattern's name, or `api:<operation>` for the API."""
    match = resolve(unquote(urlsplit(url).path))
    for name, methods in _api_operations(match.func):
        if method in methods:
            return f"api:{name}"
    return match.view_name


def ruche_endpoints() -> set[str]:
    """Every URL pattern of the site, every API operation, and Ruche's admin views, by name."""
    names = set()
    for route, name, callback in _walk(get_resolver().url_patterns):
        module = getattr(callback, "__module__", "") or ""
        if route.startswith(("static/", "media/", "^static/", "^media/")):
            continue
        if route.startswith("admin/"):
            ruche_view = module.split(".")[0] in RUCHE_APPS
            if not (ruche_view or name == "wagtailadmin_home" or _is_ruche_snippet(name or "")):
                continue
        operations = _api_operations(callback)
        names.update(f"api:{op}" for op, _ in operations) if operations else names.add(name)
    return names


@dataclass(frozen=True)
class Call:
    """One request: the URL pattern it tries, how, and (from the world) where and with what."""

    name: str
    method: str
    path: str  # formatted with the world's objects: "/ideas/{open_idea.pk}/"
    data: dict = field(default_factory=dict, hash=False)
    json: bool = False  # send `data` as a JSON body (API writes)

    @property
    def changes_state(self) -> bool:
        return self.method in STATE_CHANGING

    def url(self, world) -> str:
        return self.path.format(**world.objects)

    def send(self, client, world, **extra):
        url, method = self.url(world), self.method.lower()
        if self.json:
            return getattr(client, method)(url, self.data, content_type="application/json", **extra)
        if method in ("get", "post"):
            return getattr(client, method)(url, self.data, **extra)
        return getattr(client, method)(url, **extra)
