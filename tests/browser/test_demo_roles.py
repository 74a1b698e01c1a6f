"""The demo after `load_demo`, as a first-time evaluator meets it: every role signs in to a
full home page with its "what to try" panel, and the managers' dashboard, the KPIs, the signals
and search analytics show figures, not empty states. Each role's home page is left as a
screenshot in test-artifacts/screenshots/demo-home-<username>.png."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Collection

from intranet.management.commands.load_demo import DEMO_ACCOUNTS
from search.engine import get_engine
from tests.browser.conftest import SCREENSHOTS
from tests.browser.steps import fits_its_width, load_lazy_images, sign_in, violations
from tests.intranet.factories import home_page

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_PASSWORD = "ruche-demo"  # printed by `make run`
LAPTOP, PHONE = 1280, 320


@pytest.fixture
def demo(settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"  # the covers and faces are served
    settings.DEMO_GUIDE = True
    # What migrations create and a transactional test before this one flushed.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home_page()
    call_command("load_demo", "--allow-production", stdout=StringIO(), stderr=StringIO())
    get_engine().refresh()


def open_as(page, username: str, path: str = "/") -> None:
    page.context.clear_cookies()
    sign_in(page, username, DEMO_PASSWORD)
    page.goto(path)


def no_empty_row(page, table) -> None:
    """A listing's empty state is one row spanning every column."""
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() > 0
    assert table.locator("tbody td[colspan]").count() == 0


def test_every_demo_role_signs_in_to_a_full_home_page(page, demo):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for username, _first, _last, role, _groups in DEMO_ACCOUNTS:
        page.set_viewport_size({"width": LAPTOP, "height": 900})
        open_as(page, username)
        expect(page.get_by_test_id("home-hero")).to_be_visible()
        assert page.get_by_test_id("home-feed").locator(":scope > li").count() >= 5, role
        expect(page.get_by_test_id("demo-tour")).to_be_visible()
        load_lazy_images(page)
        page.screenshot(path=str(SCREENSHOTS / f"demo-home-{username}.png"), full_page=True)
        problems += [f"{username} @ {LAPTOP}px: {v}" for v in violations(page)]
        page.set_viewport_size({"width": PHONE, "height": 800})
        if not fits_its_width(page):
            problems.append(f"{username} @ {PHONE}px: the home page scrolls sideways")
    assert not problems, "\n".join(problems)

    page.get_by_test_id("demo-tour").get_by_role("button").click()  # hidden for good
    expect(page.get_by_test_id("home-hero")).to_be_visible()
    expect(page.get_by_test_id("demo-tour")).to_have_count(0)


def test_the_demo_dashboards_show_figures_to_their_roles(page, demo):
    open_as(page, "mathilde", "/insights/teams/")
    page.locator("main").get_by_role("link").first.click()
    expect(page.get_by_test_id("team-metrics")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "demo-team-dashboard.png"), full_page=True)

    open_as(page, "claire", "/admin/insights/kpis/")
    objectives = page.locator("section.insights-objective")
    assert objectives.count() >= 1
    expect(objectives.first.locator("figure svg").first).to_be_visible()

    page.goto("/admin/insights/signals/")
    no_empty_row(page, page.get_by_test_id("signal-themes"))

    page.goto("/admin/search-analytics/")
    for caption in ("Recherches les plus fréquentes", "Recherches sans résultat"):
        no_empty_row(page, page.get_by_role("table", name=caption))
    no_empty_row(page, page.get_by_role("table", name="Tendance par semaine"))
    page.screenshot(path=str(SCREENSHOTS / "demo-search-analytics.png"), full_page=True)

    open_as(page, "ines")  # the guest expert lands on the community she was invited to
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/communities/" in page.url
    load_lazy_images(page)  # its cover too: a 404 would fail the test
