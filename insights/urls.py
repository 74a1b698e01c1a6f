from django.urls import path

from insights import ambassador_views, views

app_name = "insights"

urlpatterns = [
    path("teams/", views.my_teams, name="my_teams"),
    path("teams/<slug:slug>/", views.team_dashboard, name="team"),
    path("what-we-analyse/", views.transparency, name="transparency"),
    path("ambassadors/", ambassador_views.ambassadors, name="ambassadors"),
]
