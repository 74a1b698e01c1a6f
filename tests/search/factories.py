"""Builders for the search tests: logged searches and the clicks on their results, and a
small intranet to search."""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from search.models import SearchClick, SearchQueryLog
from search.services import searcher_hash
from tests.intranet.factories import dated, home_page, publish_standard_page
from tests.people.factories import person


def search(user, text: str, *, results: int = 3, click: bool = False, when=None):
    """`user` searched for `text` and got `results` results (clicking the first with `click`)."""
    log = SearchQueryLog.objects.create(
        query=text,
        normalized_query=text.lower(),
        result_count=results,
        searcher=searcher_hash(user),
    )
    if click:
        SearchClick.objects.create(search=log, rank=1, kind="page", object_id="1")
    return dated(log, when) if when else log


def small_intranet(*, restricted_to: Group | None = None) -> dict:
    """A few French pages and people for the embedded mode's understanding: a page about paid
    leave, one about working from home, a Kubernetes guide, a person who knows Kubernetes and
    one who does not; with `restricted_to`, a page only that group may read, on the same words.
    """
    home = home_page()
    found = {
        "leave": publish_standard_page(
            title="Congés payés",
            body_html=(
                "<p>Chaque salarié a droit à 25 jours de congés payés par an. Les vacances "
                "se posent dans l'outil RH, au moins un mois avant le départ.</p>"
            ),
            parent=home,
        ),
        "remote": publish_standard_page(
            title="Télétravail",
            body_html="<p>Vous pouvez travailler de chez vous deux jours par semaine.</p>",
            parent=home,
        ),
        "guide": publish_standard_page(
            title="Déployer une application",
            body_html="<p>Le guide du déploiement de nos services sur le cluster Kubernetes.</p>",
            parent=home,
        ),
        "expert": person(
            username="alice",
            first_name="Alice",
            last_name="Martin",
            job_title="Ingénieure plateforme",
            skills=["Kubernetes"],
            key="p-alice",
        ),
        "other": person(
            username="bruno",
            first_name="Bruno",
            last_name="Petit",
            job_title="Comptable",
            skills=["comptabilité"],
        ),
    }
    if restricted_to is not None:
        secret = publish_standard_page(
            title="Kubernetes : congés du comité de direction",
            body_html="<p>Les jours de congés des membres du comité, confidentiel.</p>",
            parent=home,
        )
        restriction = PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(restricted_to)
        found["secret"] = secret
    return found
