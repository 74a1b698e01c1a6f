"""The installable app: the web app manifest, what the service worker keeps, the theme colours.

The colours come from the design tokens of `css/tokens.css` (one place to change them); the
service worker keeps static files and the offline page only, never a page of the site
(templates/frontend/service-worker.js).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

STYLESHEET = "frontend/css/tokens.css"
# What the worker keeps at install, besides the offline page: what that page and every other
# page load first. Other static files are kept the first time a page uses them.
# The sheets every page (and the offline page) links, in this order (base.html).
SHEETS = (
    STYLESHEET,
    "frontend/css/base.css",
    "frontend/css/layout.css",
    "frontend/css/components.css",
    "frontend/css/tables.css",
    "frontend/css/ruche.css",
)
PRECACHED = (
    *SHEETS,
    "frontend/js/ruche.js",
    "frontend/js/pwa.js",
    "frontend/favicon.svg",
    "frontend/icons/icon-192.png",
)
ICONS = (
    ("frontend/favicon.svg", "any", "image/svg+xml", "any"),
    ("frontend/icons/icon-192.png", "192x192", "image/png", "any"),
    ("frontend/icons/icon-512.png", "512x512", "image/png", "any"),
    ("frontend/icons/icon-maskable-512.png", "512x512", "image/png", "maskable"),
)


def _source(path: str) -> Path:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found if isinstance(found, str) else found[0])


@lru_cache(maxsize=1)
def design_tokens() -> dict[str, str]:
    """The custom properties of the first `:root` of tokens.css, the light theme
    (`--brand: #8a4b00` gives `{"brand": "#8a4b00"}`), read once per process."""
    css = _source(STYLESHEET).read_text(encoding="utf-8")
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    return dict(re.findall(r"--([\w-]+)\s*:\s*([^;]+?)\s*;", root.group(1) if root else ""))


def theme_color() -> str:
    return design_tokens().get("brand", "#8a4b00")


def background_color() -> str:
    return design_tokens().get("wash", "#ffffff")


def manifest() -> dict[str, Any]:
    """The web app manifest, in the active language (French unless the browser asks for
    English)."""
    language = (get_language() or "fr").split("-")[0]
    return {
        "id": "/",
        "name": "Ruche",
        "short_name": "Ruche",
        "description": _("Ruche, the intranet that listens: news, ideas, people, communities."),
        "lang": language,
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": theme_color(),
        "background_color": background_color(),
        "icons": [
            {"src": static(path), "sizes": sizes, "type": kind, "purpose": purpose}
            for path, sizes, kind, purpose in ICONS
        ],
    }


def precached_urls() -> list[str]:
    """The URLs the worker keeps when it installs: the offline page and `PRECACHED`."""
    return [reverse("offline"), *(static(path) for path in PRECACHED)]


@lru_cache(maxsize=1)
def cache_version() -> str:
    """Changes whenever a kept file (or its URL) does: a new worker, and a fresh cache."""
    digest = hashlib.sha256()
    for path in PRECACHED:
        digest.update(static(path).encode())
        digest.update(_source(path).read_bytes())
    template = Path(__file__).parent / "templates" / "frontend" / "service-worker.js"
    digest.update(template.read_bytes())
    digest.update(Path(__file__).parent.joinpath("templates/frontend/offline.html").read_bytes())
    return digest.hexdigest()[:16]
