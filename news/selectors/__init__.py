"""Reads of news, leadership updates, engagement and must-reads (see the submodules)."""

from .access import (
    addressed_to,
    can_answer_questions,
    can_moderate,
    can_reveal_anonymous_authors,
    can_view_acknowledgements,
    can_view_page,
    page_group_ids,
    page_ids_open_to,
    viewable_by,
)
from .digest import (
    answers_to_questions_of,
    any_news_published,
    askers_answered_between,
    news_published_for,
)
from .feed import (
    HomeFeed,
    home_feed,
    latest_leadership_updates,
    news_categories,
    news_for_feed,
    news_for_listing,
    news_for_user,
    pending_must_reads,
    top_open_questions,
)
from .leadership import leadership_publisher_ids, questions_answered_between
from .mustread import (
    acknowledgement_rates,
    acknowledgement_rows,
    addressed_users,
    must_reads_overview,
)
from .questions import (
    AnswerRate,
    answered_questions,
    general_open_questions,
    leadership_answer_rate,
    question_author_name,
    questions_for_update,
    with_public_authors,
)

__all__ = [
    "AnswerRate",
    "HomeFeed",
    "acknowledgement_rates",
    "acknowledgement_rows",
    "addressed_to",
    "addressed_users",
    "answered_questions",
    "answers_to_questions_of",
    "any_news_published",
    "askers_answered_between",
    "can_answer_questions",
    "can_moderate",
    "can_reveal_anonymous_authors",
    "can_view_acknowledgements",
    "can_view_page",
    "general_open_questions",
    "home_feed",
    "latest_leadership_updates",
    "leadership_answer_rate",
    "leadership_publisher_ids",
    "must_reads_overview",
    "news_categories",
    "news_for_feed",
    "news_for_listing",
    "news_for_user",
    "news_published_for",
    "page_group_ids",
    "page_ids_open_to",
    "pending_must_reads",
    "question_author_name",
    "questions_answered_between",
    "questions_for_update",
    "top_open_questions",
    "viewable_by",
    "with_public_authors",
]
