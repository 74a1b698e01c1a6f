"""Reads of the ideas app that views, the API, search and other apps rely on."""

from .access import (
    can_manage_challenge,
    can_see_author,
    can_see_hidden,
    can_view_challenge,
    challenge_audience_ids,
    challenges_visible_to,
    idea_for,
    ideas_visible_to,
    is_moderator,
    users_in_audience,
)
from .digest import (
    answers_to_ideas_of,
    any_challenge_opening_or_closing,
    authors_answered_between,
    challenges_closing_for,
    challenges_opening_for,
    unanswered_ideas_by_challenge,
)
from .feed import idea_updates_for
from .listing import (
    accepted_co_author_names,
    author_label,
    challenge_page_context,
    co_authorship_for,
    comment_page_number,
    hub_challenges,
    idea_detail,
    ideas_of_challenge,
    open_challenges_for,
    voted_idea_ids,
    votes_left,
    votes_used_by,
    workshop_idea_choices,
)
from .similar import similar_ideas
from .stats import challenge_stats, leaderboard
from .todo import ideas_awaiting_my_answer, pending_co_authorships

__all__ = [
    "accepted_co_author_names",
    "co_authorship_for",
    "answers_to_ideas_of",
    "any_challenge_opening_or_closing",
    "author_label",
    "authors_answered_between",
    "can_manage_challenge",
    "can_see_author",
    "can_see_hidden",
    "can_view_challenge",
    "challenge_audience_ids",
    "challenge_page_context",
    "challenge_stats",
    "challenges_closing_for",
    "challenges_opening_for",
    "challenges_visible_to",
    "comment_page_number",
    "idea_detail",
    "idea_for",
    "idea_updates_for",
    "ideas_awaiting_my_answer",
    "ideas_of_challenge",
    "ideas_visible_to",
    "is_moderator",
    "leaderboard",
    "hub_challenges",
    "open_challenges_for",
    "pending_co_authorships",
    "similar_ideas",
    "unanswered_ideas_by_challenge",
    "users_in_audience",
    "voted_idea_ids",
    "votes_left",
    "votes_used_by",
    "workshop_idea_choices",
]
