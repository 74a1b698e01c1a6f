"""Every write of the ideas hub goes through these functions."""

from .answers import add_comment, answer_idea, follow, unfollow
from .errors import Conflict, IdeasError, Invalid, NotAllowed, NotFound
from .ideas import cast_vote, submit_idea, withdraw_vote

__all__ = [
    "Conflict",
    "IdeasError",
    "Invalid",
    "NotAllowed",
    "NotFound",
    "add_comment",
    "answer_idea",
    "cast_vote",
    "follow",
    "submit_idea",
    "unfollow",
    "withdraw_vote",
]
