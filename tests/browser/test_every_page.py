"""The design system's proof on every page: signed in as an employee, a manager, an editor and a
guest, on a small but lived-in intranet, a breadth-first walk of every same-origin link from the
home page. Every page at 320 px (the main ones also at 390 and 1366) fits its width, has one
<h1>, passes axe-core with no violation of any impact, and offers touch targets of 44 px; all
that a role's walk finds wrong is reported at once. Screenshots of the main pages:
test-artifacts/screenshots/pages-<role>-<page>-<width>.png."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import timezone
from wagtail.models import Page, Site

from ideas.models import Status
from news.models import Question, QuestionStatus
from tests.browser.conftest import SCREENSHOTS
from tests.browser.steps import (
    fits_its_width,
    load_lazy_images,
    page_problems,
    sign_in,
    violations,
)
from tests.communities.factories import community, event, join, poll, post, question
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge, hub, idea
from tests.images import wagtail_image
from tests.intranet.factories import publish_standard_page
from tests.news.factories import publish_news, publish_update, sections
from tests.notifications.factories import notice
from tests.people.factories import TeamFactory, guest, kudos, person

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ("employee", "manager", "editor", "guest")
PHONE, PHONE_WIDE, LAPTOP = 320, 390, 1366
MOST_PAGES = 80  # a role's walk stops there
SEARCHED = "miel"

# Links the walk does not follow: the admin, signing out, files and feeds, the API, the
# machinery of the installable app, and the language switch.
SKIPPED = re.compile(
    r"^/(admin|api|documents|media|static|i18n|jsi18n|_util)/|^/accounts/|"
    r"\.(ics|csv|xlsx|xml|json|webmanifest|js)$|/(feed|atom|rss)/?$|^/sw\.js$"
)


@dataclass
class World:
    """What the walk starts from: the people who sign in and the main pages' addresses."""

    main: dict[str, str]
    people: dict[str, str] = field(default_factory=dict)


def _intranet() -> World:
    """Home, news (with and without a cover), a leadership update with questions, an ideas hub
    with a challenge and ideas at every status, communities with posts, a question, a poll and
    an event, a team and its manager, kudos, notifications."""
    news_index, leadership = sections()
    sales = TeamFactory(name="Ventes Sud-Ouest", slug="ventes-sud-ouest")
    boss = person(
        username="manager",
        first_name="Mathilde",
        last_name="Lefèvre",
        job_title="Directrice des ventes",
        team=sales,
        skills=["négociation"],
    )
    camille = person(
        username="employee",
        first_name="Camille",
        last_name="Martin",
        job_title="Chargée de clientèle",
        team=sales,
        manager=boss,
        location="Toulouse",
        bio="J’aime les abeilles et les tableaux croisés.",
        skills=["Excel", "apiculture"],
        languages=["anglais"],
    )
    others = [
        person(first_name="Hugo", last_name="Bernard", team=sales, manager=boss),
        person(first_name="Inès", last_name="Petit", team=sales, manager=boss),
    ]
    editor = person(  # writes the news and publishes them; reads the KPI dashboard
        username="editor",
        first_name="Élise",
        last_name="Durand",
        job_title="Responsable de la communication",
        groups=["Editors", "Communicators"],
    )

    cover = wagtail_image("Ruches", description="Trois ruches sur le toit du siège")
    honey = publish_news(
        title="Le miel du siège est arrivé",
        body_html="<p>Cent pots de miel récoltés sur le toit, à goûter à la cafétéria.</p>",
        cover_image=cover,
        featured=True,  # the home page's top story, with its cover
        owner=editor,
        tags=["miel", "RSE"],
    )
    publish_news(title="Nouveaux horaires de la cafétéria", owner=editor)
    publish_news(title="Le séminaire de printemps", owner=editor, must_read=True)
    comment_on(honey, author=camille, body="Délicieux, merci !")
    update = publish_update(title="Le mot de la direction : cap sur 2027", owner=editor)
    Question.objects.create(update=update, author=camille, body="Quand le nouveau siège ?")
    Question.objects.create(
        update=update,
        author=others[0],
        body="Les primes seront-elles revues ?",
        status=QuestionStatus.ANSWERED,
        answer="Oui, en mars.",
        answered_by=boss.profile,
        answered_at=timezone.now(),
    )
    publish_standard_page(title="Congés et absences", body_html="<p>Poser ses congés.</p>")

    hub()
    paper = challenge(title="Moins de papier", owner=boss, phase="open")
    ideas = [
        idea(paper, author=camille, title="Imprimer recto verso"),
        idea(paper, author=others[0], title="Des tablettes en réunion", status=Status.UNDER_REVIEW),
        idea(paper, author=others[1], title="Factures en ligne", status=Status.SELECTED),
        idea(paper, author=boss, title="Badges sans papier", status=Status.IMPLEMENTED),
        idea(paper, author=camille, title="Tout numériser", status=Status.REJECTED),
    ]
    challenge(title="Le bureau de demain", owner=boss, phase="closed")

    kitchen = community(
        name="Cuisine du monde",
        description="Recettes, ateliers et bonnes adresses.",
        members=[camille, *others],
        animators=[boss],
    )
    first = post(kitchen, author=camille, body="<p>Qui a une recette de pain d’épices ?</p>")
    comment_on(first, author=others[0], body="Moi ! Avec du miel du siège.")
    asked = question(kitchen, author=others[1], title="Quel four pour le pain ?")
    vote = post(kitchen, author=boss, body="<p>Le prochain atelier ?</p>")
    poll(vote, question="Quel jour ?", answers=("Mardi", "Jeudi"))
    workshop = event(kitchen, title="Atelier pain d’épices", place="Cafétéria", capacity=12)

    atlas = community(name="Projet Atlas", visibility="secret", members=[camille], animators=[boss])
    expert = guest(username="guest", first_name="Gaëlle", last_name="Experte", invited_by=boss)
    join(atlas, expert)
    plan = post(atlas, author=boss, body="<p>Le planning des essais est en ligne.</p>")
    question(atlas, author=expert, title="Qui valide les essais ?")
    event(atlas, title="Revue des essais", mode="online", online_url="https://meet.example/x")

    kudos(camille, boss)
    kudos(boss, camille)
    for user in (camille, boss, editor):
        notice(user, message="Une nouvelle idée dans « Moins de papier »", url=paper.url)
        notice(user, message="Camille vous a remercié", url="/people/me/", read_at=timezone.now())
    notice(expert, message="Un nouveau message dans Projet Atlas", url=plan.get_absolute_url())

    employee_pages = {
        "home": "/",
        "news-index": news_index.url,
        "news": honey.url,
        "leadership-update": update.url,
        "ideas-hub": hub().url,
        "challenge": paper.url,
        "idea": f"/ideas/{ideas[0].pk}/",
        "community-directory": "/communities/",
        "community": kitchen.get_absolute_url(),
        "post": first.get_absolute_url(),
        "event": f"/events/{workshop.pk}/",
        "people-directory": "/people/",
        "profile": f"/people/{camille.username}/",
        "org-chart": f"/people/{camille.username}/org-chart/",
        "search-results": f"/search/?q={SEARCHED}",
        "notifications": "/notifications/",
    }
    del asked, leadership
    return World(
        main={
            "employee": employee_pages,
            "manager": {**employee_pages, "team-dashboard": f"/insights/teams/{sales.slug}/"},
            "editor": {**employee_pages, "kpi-dashboard": "/admin/insights/kpis/"},
            "guest": {
                "home": "/",
                "community": atlas.get_absolute_url(),
                "post": plan.get_absolute_url(),
                "notifications": "/notifications/",
            },
        }
    )


def _shape(path: str) -> str:
    """One address per kind of page: the route that serves it, or the page's type."""
    path = unquote(path)
    try:
        match = resolve(path)
    except Resolver404:
        return re.sub(r"\d+", "<n>", path)
    if match.url_name != "wagtail_serve":
        return match.route
    root = Site.objects.get(is_default_site=True).root_page.url_path
    page = Page.objects.filter(url_path=root + path.lstrip("/")).first()
    return f"page:{page.specific_class.__name__}" if page else re.sub(r"\d+", "<n>", path)


def _same_origin_links(page, origin: str) -> list[str]:
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map((a) => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not SKIPPED.search(parts.path):
            found.append(path)
    return found


@dataclass
class Walk:
    role: str
    origin: str
    failures: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    shapes: set[str] = field(default_factory=set)

    def fail(self, where: str, width: int, what: str) -> None:
        self.failures.append(f"{where} @ {width}px: {what}")

    def check(self, page, where: str, width: int, *, targets: bool, axe: bool) -> None:
        if not fits_its_width(page):
            wide = page.evaluate("document.scrollingElement.scrollWidth")
            self.fail(where, width, f"scrolls sideways ({wide} px wide)")
        for problem in page_problems(page, targets=targets):
            self.fail(where, width, problem)
        for violation in violations(page) if axe else ():
            self.fail(where, width, violation)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_fits_a_phone_and_passes_axe(
    page, live_server, role, reindex, settings
):
    settings.ROOT_URLCONF = "tests.browser.media_urls"  # the covers are served
    world = _intranet()
    reindex()
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, role)
    walk = Walk(role=role, origin=live_server.url)
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and walk.fail(urlsplit(page.url).path, page.viewport_size["width"], message.text)
        ),
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    main = world.main[role]
    for name, path in main.items():
        for width in (PHONE_WIDE, LAPTOP, PHONE):
            page.set_viewport_size({"width": width, "height": 800})
            response = page.goto(path)
            if response is None or response.status >= 400:
                walk.fail(path, width, f"HTTP {response and response.status}")
                break
            load_lazy_images(page)
            page.screenshot(
                path=str(SCREENSHOTS / f"pages-{role}-{name}-{width}.png"), full_page=True
            )
            if width != PHONE:  # at 320 px, with the walk
                walk.check(page, path, width, targets=width < LAPTOP, axe=width == LAPTOP)

    page.set_viewport_size({"width": PHONE, "height": 800})
    queue = deque(["/", *main.values()])
    seen: set[str] = set()
    while queue and len(walk.visited) < MOST_PAGES:
        path = queue.popleft()
        bare = path.split("?")[0]
        key = _shape(bare) + ("?" if "?" in path else "")
        if path in seen or key in walk.shapes:
            continue
        seen.add(path)
        response = page.goto(path)
        landed = urlsplit(page.url)
        if response is None or response.status >= 400:
            walk.fail(path, PHONE, f"HTTP {response and response.status}")
            continue
        final_key = _shape(landed.path) + ("?" if landed.query else "")
        if final_key in walk.shapes or SKIPPED.search(landed.path):
            continue
        walk.shapes.update({key, final_key})
        walk.visited.append(path)
        if not landed.path.startswith("/admin/"):
            walk.check(page, path, PHONE, targets=True, axe=True)
        queue.extend(link for link in _same_origin_links(page, walk.origin) if link not in seen)

    crawled = f"{role}: {len(walk.visited)} pages\n  " + "\n  ".join(walk.visited)
    print(crawled)
    assert not walk.failures, (
        f"{role}: {len(walk.failures)} problems\n" + "\n".join(walk.failures) + "\n" + crawled
    )


# The dark scheme's subset: the pages with the most colours (covers, badges, statuses, charts).
DARK_PAGES = (
    *("home", "news", "challenge", "idea", "community", "post", "event", "profile"),
    *("search-results", "notifications"),
)


def test_the_main_pages_pass_axe_in_the_dark_colour_scheme(page, reindex, settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"
    world = _intranet()
    reindex()
    page.emulate_media(color_scheme="dark", reduced_motion="reduce")
    page.set_viewport_size({"width": PHONE_WIDE, "height": 800})
    sign_in(page, "employee")

    failures = []
    for name in DARK_PAGES:
        path = world.main["employee"][name]
        page.goto(path)
        failures += [f"{path} (dark): {violation}" for violation in violations(page)]
        if name in ("home", "post", "search-results"):
            load_lazy_images(page)
            page.screenshot(path=str(SCREENSHOTS / f"pages-dark-{name}-{PHONE_WIDE}.png"))
    assert not failures, "\n".join(failures)
