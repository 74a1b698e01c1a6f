from django.urls import path
from django.views.decorators.http import require_GET

from news.views import detail, feed, mustread, questions

app_name = "news"

urlpatterns = [
    path("feed/", require_GET(feed.NewsFeed()), name="feed"),
    path("pages/<int:page_id>/react/", detail.react, name="react"),
    path("pages/<int:page_id>/comments/", detail.add_comment, name="comment"),
    path("comments/<int:comment_id>/edit/", detail.edit_comment, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", detail.delete_comment, name="comment_delete"),
    path("comments/<int:comment_id>/report/", detail.report_comment, name="comment_report"),
    path("comments/<int:comment_id>/hide/", detail.hide_comment, name="comment_hide"),
    path("comments/<int:comment_id>/restore/", detail.restore_comment, name="comment_restore"),
    path("moderation/", detail.moderation_queue, name="moderation"),
    path("must-reads/", mustread.must_reads, name="must_reads"),
    path("pages/<int:page_id>/acknowledge/", mustread.acknowledge, name="acknowledge"),
    path(
        "pages/<int:page_id>/acknowledgements/",
        mustread.acknowledgement_stats,
        name="acknowledgements",
    ),
    path(
        "pages/<int:page_id>/acknowledgements.csv",
        mustread.acknowledgement_export,
        name="acknowledgements_csv",
    ),
    path("questions/ask/", questions.ask, name="ask"),
    path("questions/<int:question_id>/vote/", questions.vote, name="vote"),
    path("questions/<int:question_id>/answer/", questions.answer, name="answer"),
    path("questions/<int:question_id>/status/", questions.set_status, name="question_status"),
    path("answered/", questions.answered, name="answered"),
]
