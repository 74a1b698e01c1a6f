"""An index built by an earlier version keeps working once new fields are added."""

import copy

from search.analysis import MAPPINGS, index_body
from search.engine import alias_name, get_engine
from search.indexing import _mapping_checked, ensure_index, new_index_name, sync_objects
from tests.ideas.factories import challenge, idea
from tests.people.factories import UserFactory


def test_an_index_without_the_newer_fields_gets_them_and_takes_new_documents(db):
    engine = get_engine()
    for old in engine.indices_behind_alias():
        engine.delete_index(old)
    older = index_body()
    older["mappings"] = copy.deepcopy(MAPPINGS)
    del older["mappings"]["properties"]["parent"]
    name = new_index_name()
    engine.create_index(name, older)
    engine.update_aliases([{"add": {"index": name, "alias": alias_name()}}])
    _mapping_checked.clear()
    page = challenge()
    made = idea(page, title="Une idée indexée après la mise à jour")

    ensure_index()
    sync_objects("idea", [str(made.pk)])
    engine.refresh()

    response = engine.search({"query": {"term": {"parent": str(page.pk)}}})
    assert [hit["_source"]["title"] for hit in response["hits"]["hits"]] == [made.title]


def test_the_first_search_of_a_new_installation_creates_the_index(db):
    from search.services import run_search, suggest

    engine = get_engine()
    for old in engine.indices_behind_alias():
        engine.delete_index(old)
    user = UserFactory()

    assert run_search(user=user, text="cantine").count == 0
    assert suggest(user=user, text="can") == []
    assert engine.indices_behind_alias()
