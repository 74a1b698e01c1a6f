"""A challenge open to some teams keeps its cover for them (`core.cover_access`): its
renditions are served to whoever may open the challenge (its registered page access,
`can_view_challenge`), 404 to everyone else."""

from __future__ import annotations

from core.cover_access import page_cover_owner
from ideas.models import ChallengePage
from ideas.selectors.access import challenge_audience_ids


def has_audience(challenge: ChallengePage) -> bool:
    """Restricted to some teams (`challenge_audience_ids` reads a prefetched audience)."""
    return bool(challenge_audience_ids(challenge))


def register() -> None:
    page_cover_owner(ChallengePage, kind="challenge", private=has_audience)
