"""A search engine that cannot be reached: the configured backend pointed at a closed
loopback port (a real connection refused, not a mock). The shared OpenSearch node is never
stopped; `restore()` points the backend back at it, as an engine that returns. Tests use it
through the `engine` fixture (tests/conftest.py)."""

from __future__ import annotations

import copy

from search.engine import get_engine
from tests.mail import free_port


class UnreachableEngine:
    def __init__(self, settings) -> None:
        self.settings = settings
        self.original = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)

    def stop(self) -> None:
        backends = copy.deepcopy(self.original)
        backends["default"]["URLS"] = [f"http://127.0.0.1:{free_port()}"]
        backends["default"]["TIMEOUT"] = 2
        self.settings.WAGTAILSEARCH_BACKENDS = backends
        get_engine.cache_clear()
        assert not get_engine().ping()

    def restore(self) -> None:
        self.settings.WAGTAILSEARCH_BACKENDS = copy.deepcopy(self.original)
        get_engine.cache_clear()
