"""Lighthouse on the signed-in pages: accessibility and best practices >= 95, performance shown.

    python bench/lighthouse.py [--suffix NAME] [--form-factors desktop,mobile]
                               [--pages "home,news page"] [--keep]

Builds a throwaway PostgreSQL database (`ruche_bench_lighthouse`, plus `_NAME` with --suffix)
with the demo content of `make run` (`load_demo`, search index prefix
`ruche_bench_lighthouse_`), serves it with gunicorn on loopback under the production settings
(DEBUG off, collected static files served by WhiteNoise, plain HTTP), signs in the demo
employee (camille) and the demo manager (mathilde) by their session cookie, and runs the
Lighthouse CLI (node_modules/.bin/lighthouse, `make browser-tools`) with Debian's Chromium on
each page, once per form factor. One BENCH line per page, form factor and category; the
minimum accessibility and best-practices scores as a summary; every failed audit of a page
under the target, with the elements it names. Reports: test-artifacts/bench/lighthouse/.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import (  # noqa: E402
    REPO,
    add_suffix_argument,
    bench_names,
    drop_database,
    recreate_database,
)
from bench._setup import bench_line as bench  # noqa: E402
from bench.pages import serve  # noqa: E402

REPORTS = REPO / "test-artifacts" / "bench" / "lighthouse"
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("accessibility", "best-practices", "performance")
TARGETS = {"accessibility": 95, "best-practices": 95}  # docs/quality-targets.md
FORM_FACTORS = ("desktop", "mobile")
EMPLOYEE, MANAGER = "camille", "mathilde"  # demo accounts (intranet/management/commands)
SEARCH_WORD = "télétravail"  # in several demo news, posts and ideas
RUN_TIMEOUT = 240  # seconds for one Lighthouse run


def environment(database: str, prefix: str, static_root: Path) -> dict[str, str]:
    """Production settings on loopback: plain HTTP, inline tasks, the bench's own database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "RUCHE_TEST_SLOT"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
            "DATABASE_URL": f"postgres://ruche:ruche@127.0.0.1:5432/{database}",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SEARCH_BACKEND": "opensearch2",
            "SEARCH_URL": os.environ.get("SEARCH_URL", "http://127.0.0.1:9200"),
            "SEARCH_INDEX_PREFIX": prefix,
            "STATIC_ROOT": str(static_root),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "RATE_LIMITS_ENABLED": "0",
            "LOG_LEVEL": "ERROR",
            "PYTHONPATH": str(REPO),
        }
    )
    return env


def _keyed(model, kind: str, key: str):
    from core.models import ExternalKey

    return model.objects.get(pk=ExternalKey.objects.get(kind=kind, key=key).object_id)


def _path(url: str) -> str:
    """A Wagtail page's URL without its scheme and host (there is one site)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def signed_in_pages() -> list[tuple[str, str, str]]:
    """(page, account, path) of every page measured, on the demo content."""
    from django.contrib.auth.models import User
    from django.urls import reverse

    from communities.models import Community
    from ideas.models import ChallengePage, Idea
    from insights.selectors import teams_managed_by
    from news.models import NewsIndexPage, NewsPage
    from people.models import Profile

    manager = User.objects.get(username=MANAGER)
    team = teams_managed_by(manager)[0]
    profile = _keyed(Profile, "person", "demo-p-sophie")
    news = _keyed(NewsPage, "news", "demo-n-nouvel-intranet")
    community = _keyed(Community, "community", "demo-g-velo")
    challenge = _keyed(ChallengePage, "challenge", "demo-c-onboarding")
    idea = _keyed(Idea, "idea", "demo-i-buddy")
    return [
        ("home", EMPLOYEE, "/"),
        ("news page", EMPLOYEE, _path(news.url)),
        ("news index", EMPLOYEE, _path(NewsIndexPage.objects.live().get().url)),
        ("search results", EMPLOYEE, f"{reverse('search')}?q={quote(SEARCH_WORD)}"),
        ("people directory", EMPLOYEE, reverse("people:directory")),
        ("profile", EMPLOYEE, reverse("people:profile", args=[profile.user.username])),
        ("community page", EMPLOYEE, community.get_absolute_url()),
        ("challenge page", EMPLOYEE, _path(challenge.url)),
        ("idea page", EMPLOYEE, idea.get_absolute_url()),
        ("notifications", EMPLOYEE, reverse("notifications:list")),
        ("team dashboard", MANAGER, reverse("insights:team", args=[team.slug])),
    ]


def session_cookies(usernames: set[str]) -> dict[str, str]:
    """A signed-in session cookie (Cookie header value) for each account."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    cookies = {}
    for username in sorted(usernames):
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[username] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    return cookies


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_answers(url: str, cookie: str) -> None:
    """Stop before Lighthouse scores an error or sign-in page instead of the page."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        final = urlsplit(response.geturl()).path
        if response.status != 200 or final.startswith("/accounts/login"):
            raise SystemExit(f"{url} answered {response.status} at {final}, not the signed-in page")


def lighthouse(url: str, cookie: str, form_factor: str, output: Path) -> dict:
    """Run the Lighthouse CLI on one page and return its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--extra-headers={json.dumps({'Cookie': cookie})}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, cwd=REPO, check=True, timeout=RUN_TIMEOUT)
    return json.loads(output.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, float | None]:
    """Each category's score out of 100, rounded as Lighthouse shows it (None when it could
    not score the category)."""
    return {
        name: None if category.get("score") is None else round(category["score"] * 100)
        for name, category in report["categories"].items()
    }


def failed_audits(report: dict, category: str) -> list[dict]:
    """The scored audits of a category that did not pass, heaviest first: id, title, score and
    the elements (selectors) or addresses they name."""
    failed = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) == 0 or audit.get("score") is None or audit["score"] >= 1:
            continue
        failed.append(
            {
                "id": audit["id"],
                "title": audit["title"],
                "score": audit["score"],
                "weight": ref["weight"],
                "items": _named_items(audit),
            }
        )
    return sorted(failed, key=lambda audit: (-audit["weight"], audit["id"]))


def _named_items(audit: dict, limit: int = 5) -> list[str]:
    items = (audit.get("details") or {}).get("items") or []
    named = []
    for item in items:
        node = item.get("node") or {}
        label = node.get("selector") or item.get("url") or item.get("source", {}).get("url")
        label = label or item.get("description") or item.get("name")
        if label and label not in named:
            named.append(str(label))
    return named[:limit]


def figures(page: str, form_factor: str, report: dict) -> list[dict]:
    """The BENCH figures of one report: one per category, with the target where there is one."""
    lines = []
    for category, score in scores(report).items():
        target = TARGETS.get(category)
        lines.append(
            {
                "figure": f"{page} ({form_factor}) {category}",
                "value": score if score is not None else 0,
                "unit": "score",
                "target": f">= {target}" if target else None,
                "ok": None if target is None else score is not None and score >= target,
            }
        )
    return lines


def summary(results: list[tuple[str, str, dict]]) -> list[dict]:
    """The lowest accessibility and best-practices scores over every page and form factor."""
    lines = []
    for category, target in TARGETS.items():
        values = [scores(report).get(category) for _, _, report in results]
        lowest = min((value if value is not None else 0) for value in values)
        lines.append(
            {
                "figure": f"minimum {category}",
                "value": lowest,
                "unit": "score",
                "target": f">= {target}",
                "ok": lowest >= target,
            }
        )
    return lines


def print_failures(page: str, form_factor: str, report: dict) -> None:
    for category, target in TARGETS.items():
        score = scores(report).get(category)
        if score is not None and score >= target:
            continue
        print(f"  {page} ({form_factor}) {category} {score}: failed audits")
        for audit in failed_audits(report, category):
            print(f"    {audit['id']}: {audit['title']} (weight {audit['weight']})")
            for item in audit["items"]:
                print(f"      {item}")


def measure(base: str, pages, cookies, form_factors, reports: Path) -> list[tuple[str, str, dict]]:
    results = []
    for page, account, path in pages:
        url = base + path
        check_answers(url, cookies[account])
        for form_factor in form_factors:
            output = reports / f"{page.replace(' ', '-')}-{form_factor}.json"
            started = time.monotonic()
            report = lighthouse(url, cookies[account], form_factor, output)
            if report.get("runtimeError"):
                raise SystemExit(f"Lighthouse failed on {url}: {report['runtimeError']}")
            shown = ", ".join(f"{name} {score}" for name, score in scores(report).items())
            print(
                f"{page} ({form_factor}, {account}, {path}): {shown} "
                f"[{time.monotonic() - started:.0f} s]",
                flush=True,
            )
            print_failures(page, form_factor, report)
            results.append((page, form_factor, report))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form-factors", default=",".join(FORM_FACTORS))
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    add_suffix_argument(parser)
    options = parser.parse_args()
    form_factors = [name for name in options.form_factors.split(",") if name]
    if set(form_factors) - set(FORM_FACTORS) or not form_factors:
        raise SystemExit(f"--form-factors: choose among {', '.join(FORM_FACTORS)}")
    if not LIGHTHOUSE.exists() or not Path(CHROMIUM).exists():
        raise SystemExit("Lighthouse or Chromium is missing: run `make browser-tools`")

    database, prefix = bench_names("ruche_bench_lighthouse", options.suffix)
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as static_root:
        env = environment(database, prefix, Path(static_root))
        recreate_database(database)
        os.environ.update(env)
        for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
            os.environ.pop(name, None)  # tasks run inline: notices exist when the page is read
        os.chdir(REPO)
        import django

        django.setup()
        try:
            pages, cookies = prepare(options.pages)
            results = serve_and_measure(env, pages, cookies, form_factors)
        finally:  # a failed run leaves no database nor index on the shared services
            cleanup(database, keep=options.keep)
    for page, form_factor, report in results:
        for figure in figures(page, form_factor, report):
            bench(**figure)
    for figure in summary(results):
        bench(**figure)
    return 0


def prepare(only: str) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """Migrate, collect the static files, load the demo; the pages (all, or those named in
    `only`) and the session cookie of each account that reads them."""
    from django.core.management import call_command
    from django.db import connections

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", "--allow-production", stdout=io.StringIO())
    pages = signed_in_pages()
    if only:
        wanted = {name.strip() for name in only.split(",")}
        pages = [page for page in pages if page[0] in wanted]
    cookies = session_cookies({account for _, account, _ in pages})
    connections.close_all()
    print(f"demo content loaded in {time.monotonic() - started:.0f} s", flush=True)
    return pages, cookies


def serve_and_measure(env, pages, cookies, form_factors) -> list[tuple[str, str, dict]]:
    """Gunicorn on a free loopback port for the time of the Lighthouse runs."""
    port = free_port()
    with (REPORTS / "gunicorn.log").open("w") as log:
        server = serve(env, port, 2, 2, log)
        try:
            return measure(f"http://127.0.0.1:{port}", pages, cookies, form_factors, REPORTS)
        finally:
            server.terminate()
            server.wait(timeout=30)


def cleanup(database: str, *, keep: bool) -> None:
    """Drop the bench's indices and, unless kept, its database."""
    from django.db import connections
    from wagtail.search.backends import get_search_backend
    from wagtail.search.index import get_indexed_models

    from search.engine import get_engine

    engine = get_engine()
    # Ruche's index, and Wagtail's own (pages, synonyms) that load_demo's saves fill; named one
    # by one: a wildcard on the prefix would also catch a colleague's `--suffix` run.
    backend = get_search_backend()
    wagtail = {backend.get_index_for_model(model).name for model in get_indexed_models()}
    for name in {*engine.indices_behind_alias(), *wagtail}:
        engine.delete_index(name)
    connections.close_all()
    if not keep:
        drop_database(database)


if __name__ == "__main__":
    sys.exit(main())
