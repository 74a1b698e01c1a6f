"""The "actions completed" section of leadership's monthly recognition post (insights.recognition).

Only public actions appear: the post is read by everyone, and an action kept private by its
opener stays private there too. An action is told by its title and outcome, never by who spoke.
"""

from __future__ import annotations

from django.utils.translation import gettext

from insights.actions.selectors import actions_done_between
from insights.recognition import Month, RecognitionSection


def actions_completed_section(month: Month) -> RecognitionSection | None:
    """The public actions completed during the month, with their outcome when one was written."""
    actions = actions_done_between(month.start, month.end).filter(public=True)
    items = [
        f"{action.title} — {action.outcome}" if action.outcome else action.title
        for action in actions
    ]
    if not items:
        return None
    return RecognitionSection(
        heading=gettext("Actions completed after listening to you"), items=items
    )
