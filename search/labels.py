from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KIND_LABELS = {
    "page": _("Pages"),
    "news": _("News"),
    "leadership_update": _("Leadership updates"),
    "person": _("People"),
    "team": _("Teams"),
    "challenge": _("Challenges"),
    "idea": _("Ideas"),
    "community": _("Communities"),
    "post": _("Posts"),
    "event": _("Events"),
}
PERIOD_LABELS = {"week": _("Past week"), "month": _("Past month"), "year": _("Past year")}
FACET_LABELS = {"kind": _("Type"), "team": _("Team"), "tag": _("Tag"), "period": _("Date")}

# "Why this result": where the words were found, and how the query reached them. A person's
# tags are skills and languages; their suggestions, name and job title.
WHY_LABELS = {
    "title": _("title"),
    "body": _("text"),
    "tags": _("tag"),
    "teams": _("team"),
    "suggestions": _("title or name"),
    "synonym": _("synonym"),
    "translation": _("the other language"),
    "related": _("related word"),
    "relaxed": _("some of your words"),
    "learned": _("often chosen"),
    "promoted": _("promoted by the editors"),
}
WHY_LABELS_BY_KIND = {
    ("person", "tags"): _("skill"),
    ("person", "suggestions"): _("name or job title"),
    ("person", "body"): _("profile"),
    ("team", "suggestions"): _("name"),
}


def why_label(code: str, kind: str = "") -> str:
    """The words the search page shows for one "why" code of a result of `kind`."""
    label = WHY_LABELS_BY_KIND.get((kind, code)) or WHY_LABELS.get(code)
    return str(label) if label else code


# Which pass of the search found the results (SearchOutcome.tier), for the relevance desk.
TIER_LABELS = {"strict": _("every word, or all but one"), "relaxed": _("some of the words")}


def tier_label(tier: str) -> StrOrPromise:
    """What a SearchOutcome.tier means, for editors; an unknown one as it is."""
    return TIER_LABELS.get(tier, tier)
