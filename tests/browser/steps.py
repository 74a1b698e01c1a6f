"""What browser tests do in a page: sign in, and check it with axe-core (from node_modules),
which fails on serious or critical WCAG 2.1 A/AA violations (`assert_accessible`) or on any
violation at all, best practices included (`assert_no_violations`); and the listener every page gets
(tests/browser/conftest.py) that reports Content-Security-Policy violations to the console."""

from tests.people.factories import PASSWORD
from tests.processes import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    const what = event.blockedURI || "inline code";
    console.error(`CSP violation: ${event.violatedDirective} blocked ${what}`
        + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


# Entrance animations (toasts, menus) fade in from transparent: measured mid-way, a text's colour
# contrast would be that of a half-drawn frame, not what a reader sees.
SETTLE_ANIMATIONS = """async () => {
    const finite = document.getAnimations().filter(
        (animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    const settled = Promise.allSettled(finite.map((animation) => animation.finished));
    await Promise.race([settled, new Promise((done) => setTimeout(done, 2000))]);
}"""


def _load_axe(page) -> None:
    # Evaluated by the browser's debugging protocol: an inline <script> tag would be refused by
    # the site's Content-Security-Policy.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    page.evaluate(SETTLE_ANIMATIONS)


def _axe(page, tags: list[str]) -> list[dict]:
    _load_axe(page)
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        tags,
    )


STRICT_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def assert_no_violations(page) -> None:
    """axe-core finds no violation of any impact: WCAG 2.2 A/AA and axe's best practices."""
    found = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"][0]) for node in violation["nodes"][:5])
        for violation in _axe(page, STRICT_TAGS)
    ]
    assert not found, "Accessibility violations:\n" + "\n".join(found)


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical WCAG 2.1 A/AA violation on the page."""
    _load_axe(page)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        })"""
    )
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not serious, "Accessibility violations:\n" + "\n".join(serious)
