from .engagement import REACTION_EMOJI, Comment, CommentReport, Reaction, ReactionKind
from .mustread import Acknowledgement, MustReadReminder, ReminderStage
from .pages import (
    LEADERSHIP_INDEX_SLUG,
    NEWS_INDEX_SLUG,
    LeadershipIndexPage,
    LeadershipUpdatePage,
    LeadershipUpdatePageTag,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
)
from .questions import Question, QuestionStatus, QuestionVote

__all__ = [
    "LEADERSHIP_INDEX_SLUG",
    "NEWS_INDEX_SLUG",
    "REACTION_EMOJI",
    "Acknowledgement",
    "Comment",
    "CommentReport",
    "LeadershipIndexPage",
    "LeadershipUpdatePage",
    "LeadershipUpdatePageTag",
    "MustReadReminder",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Question",
    "QuestionStatus",
    "QuestionVote",
    "Reaction",
    "ReactionKind",
    "ReminderStage",
]
