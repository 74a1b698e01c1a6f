from django.urls import path

from people import guest_views, views

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.me, name="me"),
    path("teams/", views.team_list, name="teams"),
    path("teams/<slug:slug>/", views.team_detail, name="team"),
    path("guests/", guest_views.guest_home, name="guest_home"),
    path("guests/accept/<str:token>/", guest_views.accept, name="guest_accept"),
    path("guests/list/", guest_views.guest_list, name="guest_list"),
    path("<str:username>/", views.profile_detail, name="profile"),
    path("<str:username>/edit/", views.profile_edit, name="edit"),
    path("<str:username>/confirm/", views.profile_confirm, name="confirm"),
    path("<str:username>/deactivate/", views.profile_deactivate, name="deactivate"),
    path("<str:username>/org-chart/", views.org_chart, name="org_chart"),
    path("<str:username>/kudos/", views.kudos_create, name="kudos"),
]
