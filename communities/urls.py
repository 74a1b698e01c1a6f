"""Site URLs under /communities/. Poll and post routes come before `<slug:slug>/` routes;
the old /communities/events/ addresses are mounted before these (intranet/urls.py)."""

from django.urls import path

from communities.views import (
    community,
    community_events,
    covers,
    directory,
    follows,
    guests,
    members,
    post_actions,
    posts,
)

app_name = "communities"

urlpatterns: list = [
    path("", directory.directory, name="directory"),
    path("new/", directory.create, name="create"),
    # Before `<slug:slug>/`: "follow" and "following" are not community slugs.
    path("follow/", follows.follow_view, name="follow"),
    path("following/", follows.following, name="following"),
    # Events live in the events app (/events/); a community's "plan an event" page is here.
    path(
        "<slug:slug>/events/new/",
        community_events.community_event_new,
        name="community_event_new",
    ),
    # Posts' conversation routes take only the post's or the comment's id (the core
    # conversation template reverses them so): before the `<slug:slug>/` routes.
    path("posts/<int:post_id>/comments/", post_actions.comment, name="comment"),
    path(
        "posts/comments/<int:comment_id>/report/",
        post_actions.report_comment,
        name="report_comment",
    ),
    path("<slug:slug>/guests/invite/", guests.invite_guest, name="invite_guest"),
    path("<slug:slug>/posts/", posts.community_posts, name="posts"),
    path("<slug:slug>/posts/new/", posts.new_post, name="new_post"),
    path("<slug:slug>/posts/scheduled/", posts.scheduled_posts, name="scheduled_posts"),
    path("<slug:slug>/posts/<int:pk>/", posts.post_detail, name="post"),
    path("<slug:slug>/posts/<int:pk>/edit/", posts.edit_post, name="edit_post"),
    path("<slug:slug>/posts/<int:pk>/history/", posts.post_history, name="post_history"),
    path("<slug:slug>/posts/<int:pk>/delete/", posts.delete_post, name="delete_post"),
    path("<slug:slug>/posts/<int:pk>/pin/", posts.pin_post, name="pin_post"),
    path("<slug:slug>/posts/<int:pk>/report/", post_actions.report_post, name="report_post"),
    path("<slug:slug>/posts/<int:pk>/vote/", post_actions.poll_vote, name="poll_vote"),
    path("<slug:slug>/posts/<int:pk>/react/", post_actions.react, name="react_post"),
    path(
        "<slug:slug>/posts/<int:pk>/answers/<int:comment_id>/accept/",
        post_actions.accept_answer,
        name="accept_answer",
    ),
    path(
        "<slug:slug>/posts/<int:pk>/answers/unaccept/",
        post_actions.unaccept_answer,
        name="unaccept_answer",
    ),
    path("<slug:slug>/", community.community_page, name="community"),
    path("<slug:slug>/cover/<str:name>", covers.cover, name="cover"),
    path("<slug:slug>/join/", community.join, name="join"),
    path("<slug:slug>/withdraw/", community.withdraw, name="withdraw"),
    path("<slug:slug>/leave/", community.leave, name="leave"),
    path("<slug:slug>/settings/", community.settings_page, name="settings"),
    path("<slug:slug>/members/", members.members, name="members"),
    path("<slug:slug>/members/add/", members.add, name="add_member"),
    path("<slug:slug>/members/<int:user_id>/role/", members.set_role, name="set_role"),
    path("<slug:slug>/members/<int:user_id>/remove/", members.remove, name="remove_member"),
    path("<slug:slug>/requests/<int:pk>/", members.decide, name="decide"),
    path("<slug:slug>/health/", members.health, name="health"),
]
