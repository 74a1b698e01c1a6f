"""The styleguide page (/styleguide/): for signed-in employees, showing every component of the
library in each of its states; the base layout's header, menus and bottom bar."""

import re

import pytest

from tests.intranet.factories import home_page
from tests.people.factories import UserFactory, guest

pytestmark = pytest.mark.django_db

COMPONENTS = [
    "colours",
    "buttons",
    "avatar",
    "card",
    "status_badge",
    "metric_card",
    "empty_state",
    "form_field",
    "error_summary",
    "tabs",
    "dialog",
    "toast",
    "pagination",
    "filter_drawer",
    "table_stack",
]


def styleguide(client) -> str:
    client.force_login(UserFactory(first_name="Camille", last_name="Martin"))
    response = client.get("/styleguide/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, component: str) -> str:
    start = html.index(f'data-component="{component}"')
    end = html.find("data-component=", start + 20)
    return html[start : end if end > 0 else len(html)]


def test_anonymous_visitors_are_sent_to_sign_in_and_guests_do_not_find_it(client):
    assert client.get("/styleguide/")["Location"].startswith("/accounts/login/")
    client.force_login(guest())
    assert client.get("/styleguide/").status_code == 404


def test_the_styleguide_shows_every_component(client):
    html = styleguide(client)

    for component in COMPONENTS:
        assert f'data-component="{component}"' in html, component


def test_every_state_of_every_component_is_shown(client):
    html = styleguide(client)

    avatars = section(html, "avatar")
    assert len(set(re.findall(r"avatar--c(\d)", avatars))) >= 4  # colours from names
    assert "avatar--sm" in avatars and "avatar--xl" in avatars
    assert '<img class="avatar' in avatars and 'aria-hidden="true"' in avatars
    assert 'class="card__image"' in section(html, "card")
    for status in ("neutral", "info", "success", "warning", "danger"):
        assert f"status--{status}" in section(html, "status_badge")
    metrics = section(html, "metric_card")
    assert "metric-card__trend--good" in metrics and "metric-card__trend--bad" in metrics
    assert "▲" in metrics and "▼" in metrics and "●" in metrics  # beside the written trend
    assert metrics.count('class="metric-card"') == 5
    empty = section(html, "empty_state")
    assert empty.count('class="empty-state"') == 2 and "button--primary" in empty
    fields = section(html, "form_field")
    assert 'aria-invalid="true"' in fields and "field__help" in fields and "field__error" in fields
    assert 'type="radio"' in fields and 'type="checkbox"' in fields
    assert "error-summary" in section(html, "error_summary")
    assert 'aria-current="page"' in section(html, "tabs")
    assert "<dialog" in section(html, "dialog") and 'method="dialog"' in section(html, "dialog")
    toasts = section(html, "toast")
    for kind in ("success", "info", "warning", "error"):
        assert f"message--{kind}" in toasts
    pages = section(html, "pagination")
    assert pages.count('class="pagination"') == 3
    assert 'rel="prev"' in pages and 'rel="next"' in pages and "pagination__link--disabled" in pages
    drawers = section(html, "filter_drawer")
    assert drawers.count("<details") == 2 and '<details class="filter-drawer" open' not in drawers
    assert "filter-drawer__count" in drawers and "filter-drawer__clear" in drawers
    assert 'class="facet-list"' in drawers and 'aria-current="true"' in drawers
    assert section(html, "table_stack").count("data-label=") == 8


def test_the_error_summary_links_lead_to_controls_on_the_page(client):
    html = styleguide(client)

    ids = set(re.findall(r'\sid="([^"]+)"', html))
    targets = re.findall(r'<ul class="error-summary__list">.*?</ul>', html, re.S)
    links = [link for block in targets for link in re.findall(r'href="#([^"]+)"', block)]
    assert links and set(links) <= ids
    described = [
        ref for value in re.findall(r'aria-describedby="([^"]*)"', html) for ref in value.split()
    ]
    assert described and set(described) <= ids


def test_the_header_has_a_menu_a_profile_menu_with_a_one_click_sign_out_and_a_bottom_bar(client):
    home_page()
    client.force_login(UserFactory(first_name="Camille", last_name="Martin"))

    html = client.get("/").content.decode()

    assert '<details class="site-menu">' in html and '<details class="profile-menu">' in html
    profile = html.split('<details class="profile-menu">', 1)[1].split("</details>", 1)[0]
    assert 'action="/accounts/logout/" method="post"' in profile and "Se déconnecter" in profile
    assert 'id="language-select"' in profile
    bar = html.split('<nav class="bottom-bar"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]+)"', bar) == [
        "/",
        "/search/",
        "/communities/",
        "/notifications/",
    ]
    assert 'data-testid="notifications-tab"' in bar


def test_a_guest_has_no_search_nor_communities_in_the_bottom_bar(client):
    client.force_login(guest())

    html = client.get("/notifications/").content.decode()

    bar = html.split('<nav class="bottom-bar"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]+)"', bar) == ["/", "/notifications/"]
    assert "site-search" not in html
