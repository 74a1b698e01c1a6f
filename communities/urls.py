"""Site URLs under /communities/. Event and poll routes come before `<slug:slug>/` routes."""

from django.urls import path  # noqa: F401  (routes are added by each area)

app_name = "communities"

urlpatterns: list = []
