"""Which site answers a request is read from the cache, not the database, on every request
after the first for a host; a site added, changed or deleted, or its root page renamed,
is what the very next request sees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Page, Site

from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTS = ["testserver", "autre.example"]


def site_of(client, host: str = "testserver") -> tuple[Site | None, list[str]]:
    """The site the request to the home page was served as, and the SQL it ran on sites."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    on_sites = [q["sql"] for q in captured if '"wagtailcore_site"' in q["sql"]]
    return response.wsgi_request._wagtail_site, on_sites


@pytest.fixture
def reader(client, home):
    client.force_login(UserFactory())
    return client


def test_the_site_is_looked_up_once_per_host(reader, home):
    first, looked_up = site_of(reader)
    again, looked_up_again = site_of(reader)

    assert first.root_page_id == home.pk == again.root_page_id
    assert len(looked_up) == 1
    assert looked_up_again == []


@override_settings(ALLOWED_HOSTS=HOSTS)
def test_a_site_added_for_a_host_answers_its_next_request(reader, home):
    default, _ = site_of(reader, "autre.example")  # no site of its own: the default one
    section = home.add_child(instance=Page(title="Autre site", slug="autre-site"))

    added = Site.objects.create(hostname="autre.example", port=80, root_page=section)
    found, looked_up = site_of(reader, "autre.example")

    assert default.is_default_site
    assert found.pk == added.pk and len(looked_up) == 1
    added.delete()
    assert site_of(reader, "autre.example")[0].pk == default.pk


def test_a_renamed_root_page_or_changed_site_is_seen_at_once(reader, home):
    site_of(reader)
    home.title = "Accueil renommé"
    home.save_revision().publish()
    assert site_of(reader)[0].root_page.title == "Accueil renommé"

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Ruche de test"
    site.save()
    assert site_of(reader)[0].site_name == "Ruche de test"
