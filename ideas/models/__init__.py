from .ideas import (
    CoAuthorInvitation,
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
    "Follow",
    "Idea",
    "IdeaTag",
    "IdeasHubPage",
    "Phase",
    "Status",
    "StatusChange",
    "Vote",
    "VoteBudget",
]
