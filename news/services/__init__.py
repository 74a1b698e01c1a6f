"""Every write of the news app (see the submodules); views and imports call these."""

from .engagement import (
    add_comment,
    delete_comment,
    edit_comment,
    hide_comment,
    report_comment,
    restore_comment,
    toggle_reaction,
)
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
    "add_comment",
    "answer_question",
    "ask_question",
    "configure_section",
    "delete_comment",
    "edit_comment",
    "ensure_leadership_index",
    "ensure_news_index",
    "hide_comment",
    "report_comment",
    "restore_comment",
    "set_question_status",
    "toggle_reaction",
    "upvote_question",
    "withdraw_vote",
]
