"""Every write of the news app (see the submodules); views and imports call these."""

from .categories import category_for_name
from .drafts import draft_leadership_update
from .mustread import acknowledge_must_read
from .questions import (
    answer_question,
    ask_question,
    set_question_status,
    upvote_question,
    withdraw_vote,
)
from .sections import configure_section, ensure_leadership_index, ensure_news_index

__all__ = [
    "acknowledge_must_read",
    "answer_question",
    "category_for_name",
    "ask_question",
    "configure_section",
    "draft_leadership_update",
    "ensure_leadership_index",
    "ensure_news_index",
    "set_question_status",
    "upvote_question",
    "withdraw_vote",
]
