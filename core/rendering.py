"""What people wrote, shown as safe HTML, with what the apps add to it (links to mentions).

The kernel shows a body in one way: plain text escaped, its line breaks kept; rich text
sanitised again (`core.richtext.sanitise_html`); never the raw HTML a person typed. The apps
that own a way of writing plug in a renderer from their `AppConfig.ready()`:

- `register_body_renderer(renderer)`, where `renderer(markups)` receives a list of bodies, each
  already safe HTML, and returns them in the same order with its additions, still safe HTML
  (`people` links `@camille` and `@équipe:support` to the profile or the team page). It gets
  every body of a page at once, so that it can look them up in a constant number of queries.

Reads: `render_bodies(bodies, rich_text=...)` (what `core.conversations` shows for the comments
of a page), `render_body(body, rich_text=...)` for a single one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe

from core.richtext import sanitise_html

BodyRenderer = Callable[[list[str]], list[str]]

_renderers: list[BodyRenderer] = []


def register_body_renderer(renderer: BodyRenderer) -> BodyRenderer:
    """Add `renderer` to what every shown body goes through (once, whatever the calls)."""
    if renderer not in _renderers:
        _renderers.append(renderer)
    return renderer


def safe_markup(body: str, *, rich_text: bool) -> str:
    """The body as safe HTML before any renderer: sanitised rich text, or escaped plain text
    with its line breaks as `<br>`."""
    if rich_text:
        return sanitise_html(body or "")
    return str(linebreaksbr(body or "", autoescape=True))


def render_bodies(bodies: Sequence[str], *, rich_text: bool) -> list[SafeString]:
    """Each body as safe HTML (`safe_markup`), then through every registered renderer, in
    the order they registered; a renderer that returns a list of another length is a bug."""
    markups = [safe_markup(body, rich_text=rich_text) for body in bodies]
    for renderer in _renderers:
        if not markups:
            break
        rendered = renderer(list(markups))
        if len(rendered) != len(markups):
            raise ValueError(f"{renderer!r} returned {len(rendered)} bodies for {len(markups)}")
        markups = rendered
    return [mark_safe(markup) for markup in markups]  # noqa: S308 - escaped or sanitised above


def render_body(body: str, *, rich_text: bool) -> SafeString:
    """One body, as `render_bodies` shows it."""
    return render_bodies([body], rich_text=rich_text)[0]
