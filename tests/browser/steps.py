"""What browser tests do in a page: sign in, and check it with axe-core (from node_modules),
which fails on serious or critical WCAG 2.1 A/AA violations (`assert_accessible`) or on any
violation at all, best practices included (`assert_no_violations`, `violations`); measure it
(`fits_its_width`, `page_problems`: one <h1>, touch targets) and load its lazy images before a
screenshot; and the listener every page gets (tests/browser/conftest.py) that reports
Content-Security-Policy violations to the console."""

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
    # From the top of the page: scrolled (a form's error summary takes focus on load), content
    # passing under the sticky header counts as obscured targets, which no reader meets there.
    page.evaluate("window.scrollTo(0, 0)")


def _axe(page, tags: list[str]) -> list[dict]:
    _load_axe(page)
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        tags,
    )


STRICT_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def violations(page) -> list[str]:
    """Every axe-core violation of any impact on the page (WCAG 2.2 A/AA and axe's best
    practices), one line each: the rule, its impact, what it asks and where (five at most)."""
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"][0]) for node in violation["nodes"][:5])
        for violation in _axe(page, STRICT_TAGS)
    ]


def assert_no_violations(page) -> None:
    """axe-core finds no violation of any impact: WCAG 2.2 A/AA and axe's best practices."""
    found = violations(page)
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


def load_lazy_images(page) -> None:
    """Load the lazy images now: a full-page screenshot does not scroll to them."""
    page.evaluate(
        """() => Promise.all(Array.from(document.images, (image) => {
            image.loading = "eager";
            return image.complete
                ? null : new Promise((done) => { image.onload = image.onerror = done; });
        }))"""
    )


def fits_its_width(page) -> bool:
    """The page does not scroll sideways."""
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


# What the design promises beyond axe: one <h1> a page, and touch targets 44 px high or wide (axe's
# target-size rule holds the other side to 24 px, or to enough space around).
# A target is what one clicks or types in that is drawn on the page (not the visually hidden
# skip link until it is focused); a check box or radio button counts with its label. A link
# inside a line of other text is exempt, as WCAG's target-size criteria exempt inline targets.
PAGE_PROBLEMS = """(targets) => {
    const problems = [];
    const headings = [...document.querySelectorAll("h1")].filter((h) => h.checkVisibility());
    if (headings.length !== 1) problems.push(`${headings.length} <h1> on the page`);
    if (!targets) return problems;
    const shown = (box) => box.width > 1 && box.height > 1 && box.bottom + scrollY > 0
        && box.right + scrollX > 0;
    const inline = (element) => {
        if (getComputedStyle(element).display !== "inline") return false;
        let block = element.parentElement;
        while (block && getComputedStyle(block).display.startsWith("inline")) {
            block = block.parentElement;
        }
        const own = element.innerText.trim();
        return block && block.innerText.replace(own, "").trim().length > 0;
    };
    const describe = (element) => {
        const name = (element.innerText || element.value || element.getAttribute("aria-label")
            || element.getAttribute("name") || "").trim().replace(/\\s+/g, " ").slice(0, 30);
        const classes = element.classList.length ? "." + [...element.classList].join(".") : "";
        return `${element.localName}${classes} "${name}"`;
    };
    const small = new Map();
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary,"
        + " [role=button], [role=link]";
    for (const element of document.querySelectorAll(selector)) {
        if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        let box = element.getBoundingClientRect();
        if (["checkbox", "radio"].includes(element.type)) {
            for (const label of element.labels || []) {
                const around = label.getBoundingClientRect();
                if (around.width * around.height > box.width * box.height) box = around;
            }
        }
        if (!shown(box) || inline(element)) continue;
        if (Math.round(box.height) >= 44 || Math.round(box.width) >= 44) continue;
        const what = `${describe(element)} ${Math.round(box.width)}×${Math.round(box.height)}`;
        const key = describe(element).split(" ")[0];
        if (!small.has(key)) small.set(key, []);
        small.get(key).push(what);
    }
    for (const [key, found] of small) {
        const more = found.length > 1 ? ` (and ${found.length - 1} more ${key})` : "";
        problems.push(`touch target neither 44 px high nor wide: ${found[0]}${more}`);
    }
    return problems;
}"""


def page_problems(page, *, targets: bool = True) -> list[str]:
    """What the page gets wrong of the design's promises: not exactly one <h1>, and (with
    `targets`, for touch screens) the targets neither 44 px high nor 44 px wide."""
    return page.evaluate(PAGE_PROBLEMS, targets)
