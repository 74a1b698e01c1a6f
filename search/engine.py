"""The search engine behind Wagtail's configured backend, seen through one small interface.

Queries are built with elasticsearch-dsl and sent as plain bodies through the client of the
configured Wagtail backend, so the same code serves OpenSearch 2 and Elasticsearch 8 (whose
client refuses to talk to OpenSearch).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from itertools import islice
from typing import Any, cast

import elastic_transport
import elasticsearch
import elasticsearch.helpers
import opensearchpy.exceptions
import opensearchpy.helpers
from django.conf import settings
from wagtail.search.backends import get_search_backend

# A bulk request may wait longer than a search: the engine merges segments under load.
BULK_TIMEOUT = 120
BULK_CHUNK = 500


class SearchUnavailable(RuntimeError):
    """The engine cannot answer now; pages and the API say so instead of failing."""


class SearchRefused(SearchUnavailable):
    """The engine answered but refused Ruche: credentials it does not accept, or a TLS
    certificate Ruche cannot trust. Pages degrade as for an engine that is down; the message
    names the settings to fix."""


class IndexMissing(LookupError):
    """The index does not exist yet (a new installation): create it, then ask again."""


def uses_engine() -> bool:
    """False in the embedded mode, where Wagtail's database backend does the searching."""
    return settings.SEARCH_BACKEND != "database"


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}unified"


class Engine:
    def __init__(self, client: Any, flavour: str):
        self.client = client
        self.flavour = flavour  # "opensearch" or "elasticsearch"

    # The two clients spell a few calls differently; everything else is shared.
    def create_index(self, name: str, body: dict) -> None:
        if self.flavour == "elasticsearch":
            self.client.indices.create(
                index=name, settings=body["settings"], mappings=body["mappings"]
            )
        else:
            self.client.indices.create(index=name, body=body)

    def add_fields(self, index: str, properties: dict) -> None:
        """Add the fields an index lacks to its mapping; existing fields are left as they are
        (changing them takes a rebuild)."""
        mappings = self.client.indices.get_mapping(index=index)
        existing = set.intersection(
            *(set(found["mappings"].get("properties", {})) for found in mappings.values())
        )
        missing = {name: field for name, field in properties.items() if name not in existing}
        if not missing:
            return
        if self.flavour == "elasticsearch":
            self.client.indices.put_mapping(index=index, properties=missing)
        else:
            self.client.indices.put_mapping(index=index, body={"properties": missing})

    def search(self, body: dict, index: str | None = None) -> dict:
        try:
            return self.client.search(index=index or alias_name(), body=body)
        except (*self.transport_errors, *self.refusal_errors) as error:
            raise self.unavailable(error) from error
        except self.not_found_error as error:
            raise IndexMissing(str(error)) from error

    def unavailable(self, error: Exception) -> SearchUnavailable:
        """`error` from the client, said in terms of what an operator should check."""
        if isinstance(error, self.tls_errors):
            return SearchRefused(
                "The search engine's TLS certificate cannot be verified: check SEARCH_CA_FILE "
                f"(the CA that signed it) and the host name in SEARCH_URL. {error}"
            )
        if isinstance(error, self.refusal_errors):
            status = _status_code(error)
            if status == 403:  # noqa: PLR2004 - HTTP status
                return SearchRefused(
                    "The search engine denied Ruche access (HTTP 403): the user of SEARCH_USER "
                    "(or SEARCH_API_KEY) lacks the rights on Ruche's indices."
                )
            return SearchRefused(
                f"The search engine refused Ruche's credentials (HTTP {status}): check "
                "SEARCH_USER and SEARCH_PASSWORD, or SEARCH_API_KEY."
            )
        return SearchUnavailable(str(error))

    def diagnose(self) -> str | None:
        """None when the engine answers Ruche; else what is wrong, for an operator."""
        try:
            self.client.info()
        except (*self.tls_errors, *self.refusal_errors) as error:
            return str(self.unavailable(error))
        except Exception:  # noqa: BLE001 - any other failure: the engine is not reachable
            return "The search engine does not answer; check SEARCH_URL."
        return None

    @property
    def not_found_error(self) -> type[Exception]:
        if self.flavour == "elasticsearch":
            return elasticsearch.NotFoundError
        return opensearchpy.exceptions.NotFoundError

    @property
    def transport_errors(self) -> tuple[type[Exception], ...]:
        if self.flavour == "elasticsearch":
            return (elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout)
        return (opensearchpy.exceptions.ConnectionError, opensearchpy.exceptions.ConnectionTimeout)

    @property
    def refusal_errors(self) -> tuple[type[Exception], ...]:
        """What a client raises when the engine refuses its credentials (401 or 403)."""
        if self.flavour == "elasticsearch":
            return (elasticsearch.AuthenticationException, elasticsearch.AuthorizationException)
        return (
            opensearchpy.exceptions.AuthenticationException,
            opensearchpy.exceptions.AuthorizationException,
        )

    @property
    def tls_errors(self) -> tuple[type[Exception], ...]:
        """A certificate that cannot be verified (a connection error of either client)."""
        if self.flavour == "elasticsearch":
            return (elastic_transport.TlsError,)
        return (opensearchpy.exceptions.SSLError,)

    def bulk(
        self, actions: Iterable[dict], *, refresh: bool = False, threads: int = 1
    ) -> tuple[int, list]:
        """Send documents in chunks. With `threads` > 1 (a full rebuild), the caller's thread
        keeps building the next chunks (it holds the database connection) while other threads
        send the previous ones."""
        options: dict[str, Any]
        if self.flavour == "elasticsearch":
            bulk = elasticsearch.helpers.bulk
            client, options = self.client.options(request_timeout=BULK_TIMEOUT), {}
        else:
            bulk = opensearchpy.helpers.bulk
            client, options = self.client, {"request_timeout": BULK_TIMEOUT}
        if threads <= 1:
            # without stats_only, the second item is the list of errors
            return cast(
                "tuple[int, list[Any]]",
                bulk(client, actions, refresh=refresh, raise_on_error=False, **options),
            )
        count = 0
        errors: list[Any] = []
        pending: deque[Future] = deque()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            iterator = iter(actions)
            while chunk := list(islice(iterator, BULK_CHUNK)):
                pending.append(pool.submit(bulk, client, chunk, raise_on_error=False, **options))
                while len(pending) >= threads:
                    sent, refused = pending.popleft().result()
                    count, errors = count + sent, errors + refused
            for future in pending:
                sent, refused = future.result()
                count, errors = count + sent, errors + refused
        return count, errors

    def scan(self, index: str | None = None) -> Iterator[dict]:
        """Every document of the index (`_id` and `_source`), in no particular order."""
        if self.flavour == "elasticsearch":
            scan = elasticsearch.helpers.scan
            client = self.client.options(request_timeout=BULK_TIMEOUT)
        else:
            scan = opensearchpy.helpers.scan
            client = self.client
        query: dict[str, Any] = {"query": {"match_all": {}}}
        yield from scan(client, query=query, index=index or alias_name(), size=BULK_CHUNK)

    def put_settings(self, index: str, settings: dict) -> None:
        if self.flavour == "elasticsearch":
            self.client.indices.put_settings(index=index, settings=settings)
        else:
            self.client.indices.put_settings(index=index, body=settings)

    def update_aliases(self, actions: list[dict]) -> None:
        if self.flavour == "elasticsearch":
            self.client.indices.update_aliases(actions=actions)
        else:
            self.client.indices.update_aliases(body={"actions": actions})

    def indices_behind_alias(self) -> list[str]:
        if not self.client.indices.exists_alias(name=alias_name()):
            return []
        return sorted(self.client.indices.get_alias(name=alias_name()).keys())

    def delete_index(self, name: str) -> None:
        self.client.indices.delete(index=name, ignore_unavailable=True)

    def refresh(self, index: str | None = None) -> None:
        if self.flavour == "elasticsearch":
            client = self.client.options(request_timeout=BULK_TIMEOUT)
            client.indices.refresh(index=index or alias_name())
        else:
            self.client.indices.refresh(index=index or alias_name(), request_timeout=BULK_TIMEOUT)

    def count_by_kind(self, index: str | None = None) -> dict[str, int]:
        body = {"size": 0, "aggs": {"kinds": {"terms": {"field": "kind", "size": 50}}}}
        response = self.search(body, index=index)
        return {b["key"]: b["doc_count"] for b in response["aggregations"]["kinds"]["buckets"]}

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:  # noqa: BLE001 - any transport error means "not reachable"
            return False


def _status_code(error: Exception) -> int | None:
    """The HTTP status of a refusal, as either client spells it."""
    meta = getattr(error, "meta", None)  # elasticsearch 8
    status = getattr(meta, "status", None) or getattr(error, "status_code", None)
    return status if isinstance(status, int) else None


@cache
def get_engine() -> Engine:
    backend = get_search_backend()
    flavour = "elasticsearch" if settings.SEARCH_BACKEND.startswith("elastic") else "opensearch"
    return Engine(backend.es, flavour)
