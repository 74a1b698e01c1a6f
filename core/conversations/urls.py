from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.queue, name="queue"),
    path(
        "comments/<int:comment_id>/<str:action>/",
        views.moderate_comment,
        name="moderate_comment",
    ),
    path(
        "targets/<int:conversation_id>/<str:action>/",
        views.moderate_target,
        name="moderate_target",
    ),
]
