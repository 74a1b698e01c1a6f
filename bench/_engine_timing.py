"""Ruche's WSGI application for bench/search_latency.py, telling the engine's own time.

Every engine search made while serving a request is timed; the response carries their sum in
`X-Bench-Engine: took=<ms>;round_trip=<ms>;calls=<n>`, where `took` is what the engine says it
spent and `round_trip` what the requests to it cost from Ruche (HTTP and JSON included). So the
API's time is compared with the very engine requests it made, whatever the query layer sends
(a strict then a relaxed query, "did you mean"...). Served with
`gunicorn 'bench._engine_timing:application()'`; nothing of the kind in production.

With BENCH_RECORD_DIR set, the bodies of the engine searches of a request that carries
`X-Bench-Record: <label>` are appended to <dir>/<pid>.jsonl, for --profile to replay them.
"""

from __future__ import annotations

import json
import os
import time
from functools import wraps
from pathlib import Path

HEADER = "X-Bench-Engine"
RECORD_HEADER = "X-Bench-Record"
_calls: list[tuple[float, float]] = []
_recording: list[str] = []  # the label of the request being served, if it is recorded


def time_engine_searches() -> None:
    """From now on, every engine search of this process is timed (the results are the same)."""
    from search.engine import Engine

    search = Engine.search
    if getattr(search, "timed", False):
        return

    @wraps(search)
    def timed_search(self, body, index=None):
        started = time.perf_counter()
        response = search(self, body, index)
        _calls.append((float(response.get("took", 0)), (time.perf_counter() - started) * 1000))
        if _recording and os.environ.get("BENCH_RECORD_DIR"):
            record = Path(os.environ["BENCH_RECORD_DIR"]) / f"{os.getpid()}.jsonl"
            with record.open("a", encoding="utf-8") as bodies:
                bodies.write(json.dumps({"label": _recording[0], "body": body}, default=str) + "\n")
        return response

    timed_search.timed = True  # type: ignore[attr-defined]
    Engine.search = timed_search  # type: ignore[method-assign]


def with_engine_time(wsgi_application):
    """`wsgi_application` with the engine's time of each request added as a header (sync
    workers: one request at a time per process)."""

    def application(environ, start_response):
        _calls.clear()
        _recording[:] = [environ[key]] if (key := "HTTP_X_BENCH_RECORD") in environ else []

        def start(status, headers, exc_info=None):
            took = sum(call[0] for call in _calls)
            round_trip = sum(call[1] for call in _calls)
            value = f"took={took:.0f};round_trip={round_trip:.3f};calls={len(_calls)}"
            return start_response(status, [*headers, (HEADER, value)], exc_info)

        return wsgi_application(environ, start)

    return application


def application():
    """Gunicorn's application factory: Ruche's own WSGI application, engine searches timed."""
    from intranet.wsgi import application as ruche

    time_engine_searches()
    return with_engine_time(ruche)
