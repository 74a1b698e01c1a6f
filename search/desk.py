"""Writes of the editors' relevance desk: a synonym, an acronym, a page promoted for a query.

Each checks what it is given (ValidationError, keyed by the field at fault) and writes in one
transaction; a synonym takes effect at the next search, once the cached list is forgotten.
Who may call them is the view's business (search/desk_views.py).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from search.models import Synonym
from search.synonyms import fold, forget_synonyms

MAX_ACRONYM_LENGTH = 20
MAX_TERM_LENGTH = 200


def add_synonym(*, terms: list[str]) -> Synonym:
    """A new group of terms that mean the same (one word or phrase each, at least two).

    Refused when every term is already in one group: the search knows them already.
    """
    synonym = Synonym(terms="\n".join(terms))
    synonym.full_clean()
    if any(len(term) > MAX_TERM_LENGTH for term in synonym.term_list):
        raise ValidationError(
            {"terms": _("A term has at most %(max)d characters.") % {"max": MAX_TERM_LENGTH}}
        )
    known = _known_group(synonym.term_list)
    if known is not None:
        raise ValidationError(
            {"terms": _("These terms are already synonyms: %(group)s.") % {"group": known}}
        )
    with transaction.atomic():
        synonym.save()
        transaction.on_commit(forget_synonyms)
    return synonym


def add_acronym(*, acronym: str, expansion: str) -> Synonym:
    """An acronym and what it stands for, kept as a synonym group of the two."""
    acronym, expansion = acronym.strip(), expansion.strip()
    errors: dict[str, str] = {}
    if not re.search(r"\w", acronym) or re.search(r"[\s,]", acronym):
        errors["acronym"] = _("An acronym is one word, without spaces or commas, e.g. RTT.")
    elif len(acronym) > MAX_ACRONYM_LENGTH:
        errors["acronym"] = _("An acronym has at most %(max)d characters.") % {
            "max": MAX_ACRONYM_LENGTH
        }
    if not re.search(r"\w", expansion) or "\n" in expansion or "," in expansion:
        errors["expansion"] = _("Write what the acronym stands for on one line, without commas.")
    elif fold(expansion) == fold(acronym):
        errors["expansion"] = _("The expansion must say more than the acronym itself.")
    if errors:
        raise ValidationError(errors)
    try:
        return add_synonym(terms=[acronym, expansion])
    except ValidationError as error:
        raise ValidationError({"expansion": error.messages}) from error


def promote_page(*, query: str, page: Page, description: str = "") -> SearchPromotion:
    """`page` comes first for `query` (Wagtail's search promotions), before any other promoted.

    Promoting a page already promoted for the query moves it first (and sets its description
    if one is given). The search shows a promoted page only to those who may see it.
    """
    query_string = normalise_query_string(query)
    if not query_string:
        raise ValidationError({"query": _("Search for something before promoting a page.")})
    if page.depth <= 1 or not page.live:
        raise ValidationError({"page": _("Choose a published page.")})
    with transaction.atomic():
        promotion_query, _created = Query.objects.get_or_create(query_string=query_string)
        Query.objects.select_for_update().filter(pk=promotion_query.pk).first()
        promotions = list(promotion_query.editors_picks.order_by("sort_order", "pk"))
        promotion = next((pick for pick in promotions if pick.page_id == page.pk), None)
        if promotion is None:
            promotion = SearchPromotion(query=promotion_query, page=page)
        else:
            promotions.remove(promotion)
        if description.strip():
            promotion.description = description.strip()
        promotion.sort_order = 0
        promotion.save()
        for order, other in enumerate(promotions, start=1):
            other.sort_order = order
        SearchPromotion.objects.bulk_update(promotions, ["sort_order"])
    return promotion


def _known_group(terms: list[str]) -> str | None:
    wanted = {fold(term) for term in terms}
    for synonym in Synonym.objects.all():
        if wanted <= {fold(term) for term in synonym.term_list}:
            return str(synonym)
    return None
