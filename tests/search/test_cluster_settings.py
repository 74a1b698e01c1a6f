"""Shards, replicas and client options come from the settings, and every index Ruche or Wagtail
creates on the real engine has them."""

import copy

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from intranet.settings.base import search_client_options, search_index_replication
from search.engine import get_engine
from search.indexing import _mapping_checked, ensure_index


def index_settings(index: str) -> dict:
    found = get_engine().client.indices.get_settings(index=index)
    return next(iter(found.values()))["settings"]["index"]


@pytest.fixture
def replication(settings):
    """Gives the unified index other shards and replicas, and clears it before and after."""

    def apply(shards: int, replicas: str) -> None:
        settings.SEARCH_INDEX_REPLICATION = search_index_replication(shards, replicas)

    engine = get_engine()

    def clear() -> None:
        for old in engine.indices_behind_alias():
            engine.delete_index(old)
        _mapping_checked.clear()

    clear()
    yield apply
    clear()


def test_by_default_one_node_gets_one_shard_and_no_replica(replication, db):
    ensure_index()
    (name,) = get_engine().indices_behind_alias()
    index = index_settings(name)
    assert (index["number_of_shards"], index["number_of_replicas"]) == ("1", "0")


def test_the_unified_index_takes_the_shards_and_replicas_of_the_settings(replication, db):
    replication(2, "0-1")
    ensure_index()
    (name,) = get_engine().indices_behind_alias()
    index = index_settings(name)
    assert index["number_of_shards"] == "2"
    assert index["auto_expand_replicas"] == "0-1"
    # one node here: the replica the range allows is not made, so the index stays green
    health = get_engine().client.cluster.health(index=name, wait_for_status="green")
    assert health["status"] == "green"


def test_the_indexes_wagtail_creates_take_the_settings_too(settings):
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"]["INDEX_PREFIX"] = settings.SEARCH_INDEX_PREFIX + "cluster_wagtail_"
    backends["default"]["INDEX_SETTINGS"] = {
        "settings": {"index": search_index_replication(3, "0")}
    }
    settings.WAGTAILSEARCH_BACKENDS = backends
    backend = get_search_backend()
    index = backend.get_index_for_model(Page)
    index.reset()
    try:
        found = index_settings(index.name)
        assert (found["number_of_shards"], found["number_of_replicas"]) == ("3", "0")
    finally:
        index.es.indices.delete(index=index.name, ignore_unavailable=True)


@pytest.mark.parametrize("replicas", ["one", "1-", "-1", "all"])
def test_replicas_that_are_neither_a_number_nor_a_range_are_refused_clearly(replicas):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_REPLICAS must be a number"):
        search_index_replication(1, replicas)


def test_no_shard_is_refused_clearly():
    with pytest.raises(ImproperlyConfigured, match="SEARCH_SHARDS must be 1 or more"):
        search_index_replication(0, "0")


def test_every_client_fails_over_and_retries_without_sniffing():
    options = search_client_options("opensearch2", ["http://a:9200", "http://b:9200"])
    assert options == {"retry_on_timeout": True, "max_retries": 3}


def test_credentials_and_tls_go_to_the_client_of_either_engine(tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    urls = ["https://a:9200"]
    opensearch = search_client_options(
        "opensearch2", urls, user="ruche", password="s3cret", ca_file=str(ca)
    )
    assert opensearch["http_auth"] == ("ruche", "s3cret")
    assert (opensearch["verify_certs"], opensearch["ca_certs"]) == (True, str(ca))
    elastic = search_client_options("elasticsearch8", urls, api_key="k3y", verify_certs=False)
    assert (elastic["api_key"], elastic["verify_certs"]) == ("k3y", False)


def test_a_missing_ca_file_or_a_password_without_a_user_is_refused_clearly(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_CA_FILE"):
        search_client_options("opensearch2", ["https://a"], ca_file=str(tmp_path / "none.pem"))
    with pytest.raises(ImproperlyConfigured, match="without SEARCH_USER"):
        search_client_options("opensearch2", ["https://a"], password="s3cret")


def test_the_configured_backend_passes_the_options_to_every_node(settings):
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"]["URLS"] = ["https://node1:9200", "https://node2:9200"]
    backends["default"]["OPTIONS"] = search_client_options(
        "opensearch2", backends["default"]["URLS"], user="ruche", password="s3cret"
    )
    settings.WAGTAILSEARCH_BACKENDS = backends
    connections = get_search_backend().es.transport.connection_pool.connections
    assert len(connections) == 2
    for connection in connections:
        assert connection.headers["authorization"].startswith("Basic ")
        assert connection.use_ssl
