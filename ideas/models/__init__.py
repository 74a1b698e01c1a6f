from .engagement import Report, Workshop, WorkshopRegistration
from .ideas import (
    CoAuthorInvitation,
    Comment,
    Follow,
    Idea,
    IdeaTag,
    Status,
    StatusChange,
    Vote,
    VoteBudget,
)
from .pages import ChallengePage, ChallengePageTag, IdeasHubPage, Phase

__all__ = [
    "ChallengePage",
    "ChallengePageTag",
    "CoAuthorInvitation",
    "Comment",
    "Follow",
    "Idea",
    "IdeaTag",
    "IdeasHubPage",
    "Phase",
    "Report",
    "Status",
    "StatusChange",
    "Vote",
    "VoteBudget",
    "Workshop",
    "WorkshopRegistration",
]
