from django.urls import path

from search import views

urlpatterns = [
    path("", views.search, name="search"),
    path("click/<int:log_id>/", views.click, name="search-click"),
]
