"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Each test leaves a screenshot in test-artifacts/screenshots/. A test fails when the page reports
a Content-Security-Policy violation, logs a console error or throws. What tests do in the page
(`sign_in`, `assert_accessible`) is in tests/browser/steps.py.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.steps import CSP_LISTENER
from tests.processes import ARTIFACTS

# Playwright's sync API keeps an event loop in the test thread; Django must still let the test
# itself use the database there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make test` to install it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    # Every document reports its policy violations to the console, where they are collected.
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    documents: set[str] = set()  # an error status of a page itself is the test's to check
    page.on("response", lambda r: r.request.resource_type == "document" and documents.add(r.url))
    page.on("console", lambda message: _on_console(message, problems, documents))
    page.on("pageerror", lambda error: problems.append(f"uncaught error: {error}"))
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not problems, "The page reported:\n" + "\n".join(problems)


def _on_console(message, problems: list[str], documents: set[str]) -> None:
    if message.type != "error":
        return
    url = message.location.get("url", "")
    if message.text.startswith("Failed to load resource") and url in documents:
        return
    problems.append(f"console error: {message.text} ({url})")
