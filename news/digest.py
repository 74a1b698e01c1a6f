"""What news says in the notification digest: news for the reader's teams, and leadership
answers to the reader's questions. Registered from `NewsConfig.ready()` (see `core.digests`);
the reads are `news.selectors.digest`, which apply page privacy and news audiences."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.digests import LIMIT, DigestSection, Item, Window
from news.selectors import (
    answers_to_questions_of,
    any_news_published,
    askers_answered_between,
    news_published_for,
)
from notifications.emails import absolute_url


def news_items(user, window: Window) -> list[Item]:
    """News published in the window, addressed to the reader's teams (or everyone), that the
    reader may open."""
    pages = news_published_for(user, since=window.start, until=window.end)[:LIMIT]
    return [
        Item(page.title, absolute_url(page.url or ""), (page.teaser or page.intro[:300]))
        for page in pages
    ]


def news_readers(window: Window) -> frozenset[int] | None:
    """Anyone when some news came out in the window, nobody otherwise."""
    return None if any_news_published(since=window.start, until=window.end) else frozenset()


def answer_items(user, window: Window) -> list[Item]:
    """Leadership answers to the reader's questions, given in the window."""
    items = []
    for question in answers_to_questions_of(user, since=window.start, until=window.end)[:LIMIT]:
        url = question.update.url if question.update else ""
        items.append(
            Item(
                _("Leadership answered your question “%(question)s”")
                % {"question": question.body[:120]},
                absolute_url(url or ""),
                question.answer[:300],
            )
        )
    return items


def answered_readers(window: Window) -> set[int]:
    return askers_answered_between(since=window.start, until=window.end)


SECTIONS = (
    DigestSection(
        name="news",
        order=10,
        heading=gettext_lazy("News for your teams"),
        items=news_items,
        readers=news_readers,
    ),
    # After the answers to the reader's ideas (`ideas.digest`), in the same section.
    DigestSection(
        name="answers",
        order=45,
        heading=gettext_lazy("Answers to your ideas and questions"),
        items=answer_items,
        readers=answered_readers,
    ),
)
