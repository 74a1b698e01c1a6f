from django.urls import path

from insights.actions import views

app_name = "insights_actions"

urlpatterns = [
    path("", views.action_list, name="list"),
    path("new/", views.new_action, name="new"),
    path("you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/edit/", views.edit_action, name="edit"),
    path("<int:pk>/progress/", views.record_progress, name="progress"),
    path("<int:pk>/follow/", views.follow, name="follow"),
    path("<int:pk>/unfollow/", views.unfollow, name="unfollow"),
]
