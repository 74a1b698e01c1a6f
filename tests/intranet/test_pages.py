"""The home page and information pages as an employee sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory


@pytest.fixture
def employee(db):
    """The shared `employee` (tests/conftest.py), with a first name the home page greets."""
    return UserFactory(username="employee", first_name="Camille")


def test_the_home_page_greets_the_employee_and_lists_published_pages(employee_client):
    publish_standard_page(title="Notes de frais", parent=home_page())

    response = employee_client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Camille" in html
    assert "Notes de frais" in html


def test_an_information_page_shows_its_body_tags_and_breadcrumb(employee_client):
    guides = publish_standard_page(title="Guides", parent=home_page())
    page = publish_standard_page(
        title="Télétravail",
        body_html="<p>Trois jours par semaine.</p>",
        parent=guides,
        tags=["RH"],
        language="fr",
    )

    html = employee_client.get(page.url).content.decode()

    assert "<h1>Télétravail</h1>" in html
    assert "Trois jours par semaine." in html
    assert '<li class="tag">RH</li>' in html
    assert 'aria-label="Fil d’Ariane"' in html or 'aria-label="Breadcrumb"' in html
    assert f'href="{guides.url}"' in html


def test_page_titles_are_escaped(employee_client):
    page = publish_standard_page(title="<script>alert(1)</script>", parent=home_page())

    html = employee_client.get(page.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unpublished_pages_are_not_served(employee_client):
    page = publish_standard_page(title="Brouillon", parent=home_page())
    page.unpublish()

    assert employee_client.get(page.url).status_code == 404


def test_the_home_page_runs_the_same_number_of_queries_whatever_the_number_of_pages(
    employee_client,
):
    publish_standard_page(title="Une", parent=home_page())
    employee_client.get("/")
    with CaptureQueriesContext(connection) as few:
        employee_client.get("/")
    for index in range(10):
        publish_standard_page(title=f"Page {index}", parent=home_page())
    employee_client.get("/")  # publishing reset the header's cached menu: both reads are warm
    with CaptureQueriesContext(connection) as many:
        employee_client.get("/")

    assert len(many) == len(few)
