"""The managed list of news categories: finding one by name, adding it when new."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from news.models import NewsCategory, normalised_name
from news.models.categories import CATEGORY_NAME_MAX_LENGTH


def category_for_name(name: str) -> NewsCategory | None:
    """The category called `name` (French or English, case and spacing ignored), added to the
    list when there is none: the import names categories as the old intranet spelt them.
    None for an empty name."""
    name = normalised_name(name)[:CATEGORY_NAME_MAX_LENGTH]
    if not name:
        return None
    found = NewsCategory.objects.named(name)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return NewsCategory.objects.create(name=name)
    except IntegrityError:  # added meanwhile under another case: the unique name caught it
        return NewsCategory.objects.named(name)
