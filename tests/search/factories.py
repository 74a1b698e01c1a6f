"""Builders for the search tests: logged searches and the clicks on their results."""

from __future__ import annotations

from search.models import SearchClick, SearchQueryLog
from search.services import searcher_hash
from tests.intranet.factories import dated


def search(user, text: str, *, results: int = 3, click: bool = False, when=None):
    """`user` searched for `text` and got `results` results (clicking the first with `click`)."""
    log = SearchQueryLog.objects.create(
        query=text,
        normalized_query=text.lower(),
        result_count=results,
        searcher=searcher_hash(user),
    )
    if click:
        SearchClick.objects.create(search=log, rank=1, kind="page", object_id="1")
    return dated(log, when) if when else log
