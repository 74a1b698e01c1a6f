"""Editors and communicators manage the Synonyms snippet: they list, add, change and delete
synonyms in the admin, on new sites (the roles' configuration) and on existing ones (a data
migration gives the groups already there the same permissions)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from search.models import Synonym
from tests.news.factories import sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db

SYNONYM_PERMISSIONS = {"add_synonym", "change_synonym", "delete_synonym", "view_synonym"}


def synonym_codenames(group: Group) -> set[str]:
    return (
        set(
            group.permissions.filter(content_type__app_label="search").values_list(
                "codename", flat=True
            )
        )
        & SYNONYM_PERMISSIONS
    )


@pytest.mark.parametrize("group", ["Editors", "Communicators"])
def test_editors_and_communicators_manage_synonyms_in_the_admin(client, group):
    sections()
    client.force_login(person(username=f"synonyms-{group.lower()}", groups=[group]))
    synonym = Synonym.objects.create(terms="RGPD\nGDPR")

    assert client.get("/admin/snippets/search/synonym/").status_code == 200
    assert client.get("/admin/snippets/search/synonym/add/").status_code == 200
    added = client.post("/admin/snippets/search/synonym/add/", {"terms": "RH\nressources humaines"})
    assert added.status_code == 302
    assert Synonym.objects.filter(terms__startswith="RH").exists()
    edit_url = f"/admin/snippets/search/synonym/edit/{synonym.pk}/"
    assert client.get(edit_url).status_code == 200
    assert client.post(edit_url, {"terms": "RGPD\nGDPR\nCNIL"}).status_code == 302
    synonym.refresh_from_db()
    assert "CNIL" in synonym.terms
    delete_url = f"/admin/snippets/search/synonym/delete/{synonym.pk}/"
    assert client.post(delete_url).status_code == 302
    assert not Synonym.objects.filter(pk=synonym.pk).exists()


def test_other_employees_still_cannot_touch_synonyms(client):
    sections()
    client.force_login(person(username="synonyms-manager", groups=["Managers"]))

    assert client.get("/admin/snippets/search/synonym/").status_code == 302
    assert client.post("/admin/snippets/search/synonym/add/", {"terms": "a\nb"}).status_code == 302
    assert not Synonym.objects.exists()


def test_the_migration_gives_existing_groups_the_synonym_permissions():
    editors, _ = Group.objects.get_or_create(name="Editors")
    communicators, _ = Group.objects.get_or_create(name="Communicators")
    managers, _ = Group.objects.get_or_create(name="Managers")
    editors.permissions.remove(*Permission.objects.filter(codename__in=SYNONYM_PERMISSIONS))
    communicators.permissions.remove(*Permission.objects.filter(codename__in=SYNONYM_PERMISSIONS))
    migration = import_module("news.migrations.0003_synonym_permissions")

    migration.grant_synonym_permissions(apps, None)
    migration.grant_synonym_permissions(apps, None)  # idempotent

    assert synonym_codenames(editors) == SYNONYM_PERMISSIONS
    assert synonym_codenames(communicators) == SYNONYM_PERMISSIONS
    assert synonym_codenames(managers) == set()
