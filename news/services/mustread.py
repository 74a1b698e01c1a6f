"""Writes for must-read acknowledgements (their reminders are the beat job of `news.tasks`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from news.models import Acknowledgement, NewsPage

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def acknowledge_must_read(*, user: User, page: NewsPage) -> tuple[Acknowledgement, bool]:
    """Record that the user has read a must-read; a second (or concurrent) call changes nothing.

    Returns the acknowledgement and whether this call created it.
    """
    if not page.must_read:
        raise ValidationError(_("This news item does not need an acknowledgement."))
    with transaction.atomic():
        return Acknowledgement.objects.get_or_create(page=page, user=user)
