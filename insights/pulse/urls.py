from django.urls import path

from insights.pulse import views

app_name = "insights_pulse"

urlpatterns = [
    path("", views.my_surveys, name="mine"),
    path("rounds/<int:round_id>/", views.answer, name="answer"),
    path("results/", views.results_list, name="results_list"),
    path("results/<int:survey_id>/", views.results, name="results"),
]
