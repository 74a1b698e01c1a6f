"""Wagtail's OpenSearch 2 backend, with the client options of the settings on every node.

Wagtail turns each URL of `URLS` into a host entry that sets `http_auth` and `verify_certs`
itself (from the URL's user and scheme), and opensearch-py lets a host entry override the
client's options: the credentials and the certificate check of `OPTIONS`
(intranet/settings/base.py `search_client_options`) would be silently dropped. Here a host entry
keeps only what its URL says, so the settings apply to every node of a cluster.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import ParseResult

from wagtail.search.backends.opensearch2 import OpenSearch2SearchBackend


class ClusterOpenSearch2SearchBackend(OpenSearch2SearchBackend):  # type: ignore[misc]
    def _get_host_config_from_url(self, url: ParseResult) -> dict[str, Any]:
        host: dict[str, Any] = super()._get_host_config_from_url(url)
        host.pop("verify_certs", None)
        if host.get("http_auth") is None:
            host.pop("http_auth", None)
        return host


SearchBackend = ClusterOpenSearch2SearchBackend
