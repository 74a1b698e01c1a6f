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
    "Acknowledgement",
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
    "ReminderStage",
]
