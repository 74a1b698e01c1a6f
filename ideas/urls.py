"""Non-page views of the ideas hub, under /ideas/ (the hub page itself lives at /idees/)."""

from django.urls import path

from ideas.views import challenge_events, community, ideas, owner

app_name = "ideas"

urlpatterns = [
    path("<int:idea_id>/", ideas.detail, name="idea"),
    path("<int:idea_id>/vote/", ideas.vote, name="vote"),
    path("<int:idea_id>/unvote/", ideas.unvote, name="unvote"),
    path("<int:idea_id>/comments/", ideas.comment, name="comment"),
    path("<int:idea_id>/follow/", ideas.follow_idea, name="follow_idea"),
    path("<int:idea_id>/answer/", ideas.answer, name="answer"),
    path(
        "<int:idea_id>/co-authorship/accept/",
        ideas.accept_co_authorship,
        name="accept_co_authorship",
    ),
    path(
        "<int:idea_id>/co-authorship/decline/",
        ideas.decline_co_authorship,
        name="decline_co_authorship",
    ),
    path("<int:idea_id>/merge/", owner.merge, name="merge"),
    path("<int:idea_id>/report/", community.report_idea, name="report_idea"),
    path("comments/<int:comment_id>/report/", community.report_comment, name="report_comment"),
    path("challenges/<int:challenge_id>/submit/", ideas.submit_idea, name="submit"),
    path("challenges/<int:challenge_id>/similar/", ideas.similar, name="similar"),
    path("challenges/<int:challenge_id>/follow/", ideas.follow_challenge, name="follow_challenge"),
    path("challenges/<int:challenge_id>/stats/", owner.stats, name="stats"),
    path("challenges/<int:challenge_id>/export.<str:fmt>", owner.export, name="export"),
    path(
        "challenges/<int:challenge_id>/leaderboard/",
        owner.leaderboard_view,
        name="challenge_leaderboard",
    ),
    path(
        "challenges/<int:challenge_id>/events/new/",
        challenge_events.challenge_event_new,
        name="challenge_event_new",
    ),
    # The workshops became the challenge's events: their old addresses lead there.
    path(
        "challenges/<int:challenge_id>/workshops/",
        challenge_events.workshops_moved,
        name="workshops",
    ),
    path(
        "workshops/<int:workshop_id>/sign-up/",
        challenge_events.workshop_sign_up_moved,
        name="sign_up",
    ),
    path("leaderboard/", owner.leaderboard_view, name="leaderboard"),
    path("notifications/", ideas.notifications, name="notifications"),
    path("moderation/", community.moderation_queue, name="moderation"),
    path("moderation/<str:kind>/<int:object_id>/", community.moderate, name="moderate"),
]
