"""Communities and what happens in them: members, posts, polls, events, follows."""

from .communities import Community, CommunityTag, JoinRequest, Membership, Role, Visibility
from .follows import Follow
from .polls import Poll, PollBallot, PollChoice, PollVote
from .posts import Post, PostAttachment, PostKind, PostRevision, PostTag

__all__ = [
    "Community",
    "CommunityTag",
    "Follow",
    "JoinRequest",
    "Membership",
    "Poll",
    "PollBallot",
    "PollChoice",
    "PollVote",
    "Post",
    "PostAttachment",
    "PostKind",
    "PostRevision",
    "PostTag",
    "Role",
    "Visibility",
]
