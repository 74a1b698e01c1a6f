"""Site URLs under /communities/. Event and poll routes come before `<slug:slug>/` routes."""

from django.urls import path

from communities.views import follows, placeholders

app_name = "communities"

urlpatterns: list = [
    # Before `<slug:slug>/`: "follow" and "following" are not community slugs.
    path("follow/", follows.follow_view, name="follow"),
    path("following/", follows.following, name="following"),
    # PLACEHOLDERS until the merge (communities-core, posts and events areas own these).
    path("events/<int:pk>/", placeholders.event, name="event"),
    path("<slug:slug>/", placeholders.community, name="community"),
    path("<slug:slug>/posts/<int:pk>/", placeholders.post, name="post"),
]
