"""Builders for the news tests: the two sections, news and leadership updates.

People and teams come from tests/people/factories.py.
"""

from __future__ import annotations

from wagtail.rich_text import RichText

from news.models import LeadershipUpdatePage, NewsPage
from news.services import (
    category_for_name,
    configure_section,
    ensure_leadership_index,
    ensure_news_index,
)
from tests.intranet.factories import home_page


def sections():
    """Both index pages, with the workflow, groups and permissions they configure."""
    home_page()
    news_index, leadership_index = ensure_news_index(), ensure_leadership_index()
    configure_section(news_index)
    return news_index, leadership_index


def publish_news(
    *,
    title: str = "Une actualité",
    body_html: str = "<p>Texte de l'actualité.</p>",
    audience=(),
    tags=(),
    **fields,
) -> NewsPage:
    index = ensure_news_index()
    if isinstance(fields.get("category"), str):  # a name: the category of the list
        fields["category"] = category_for_name(fields["category"])
    page = NewsPage(title=title, body=[("paragraph", RichText(body_html))], **fields)
    index.add_child(instance=page)
    page.audience_teams.set(list(audience))
    page.tags.set(list(tags))
    page.save_revision().publish()
    return page


def publish_update(
    *, title: str = "Le mot de la direction", tags=(), **fields
) -> LeadershipUpdatePage:
    index = ensure_leadership_index()
    page = LeadershipUpdatePage(
        title=title, body=[("paragraph", RichText("<p>Chers collègues…</p>"))], **fields
    )
    index.add_child(instance=page)
    page.tags.set(list(tags))
    page.save_revision().publish()
    return page
