"""Site URLs under /communities/. Event and poll routes come before `<slug:slug>/` routes."""

from django.urls import path

from communities.views import community, directory, members

app_name = "communities"

urlpatterns: list = [
    path("", directory.directory, name="directory"),
    path("new/", directory.create, name="create"),
    # `events/...` routes (events area) go here, before the `<slug:slug>/` routes.
    path("<slug:slug>/", community.community_page, name="community"),
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
