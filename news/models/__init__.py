from .categories import NewsCategory, category_key, normalised_name
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
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Question",
    "QuestionStatus",
    "QuestionVote",
    "ReminderStage",
    "category_key",
    "normalised_name",
]
