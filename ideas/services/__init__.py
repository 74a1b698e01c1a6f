"""Every write of the ideas hub goes through these functions."""

from .answers import add_comment, answer_idea, follow, unfollow
from .coauthors import accept_co_authorship, decline_co_authorship, invite_co_authors
from .errors import Conflict, IdeasError, Invalid, NotAllowed, NotFound
from .ideas import cast_vote, submit_idea, withdraw_vote
from .merge import merge_ideas
from .moderation import moderate, report_content
from .challenge_events import plan_challenge_event

__all__ = [
    "Conflict",
    "IdeasError",
    "Invalid",
    "NotAllowed",
    "NotFound",
    "accept_co_authorship",
    "decline_co_authorship",
    "invite_co_authors",
    "add_comment",
    "merge_ideas",
    "moderate",
    "report_content",
    "plan_challenge_event",
    "answer_idea",
    "cast_vote",
    "follow",
    "submit_idea",
    "unfollow",
    "withdraw_vote",
]
