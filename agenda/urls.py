"""Site URLs under /events/ (the events of every host, and of none)."""

from django.urls import path

from agenda import views

app_name = "events"

urlpatterns: list = [
    path("", views.event_list, name="events"),
    path("new/", views.event_new, name="event_new"),
    path("<int:event_id>/", views.event_detail, name="event"),
    path("<int:event_id>/event.ics", views.event_ics, name="event_ics"),
    path("<int:event_id>/rsvp/", views.event_rsvp, name="event_rsvp"),
    path("<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("<int:event_id>/cancel/", views.event_cancel, name="event_cancel"),
    path("<int:event_id>/report/", views.event_report, name="event_report"),
]

# The addresses these pages had under /communities/events/ (mounted there by intranet/urls.py
# before the communities' routes), each sent here for good.
legacy_urlpatterns: list = [
    path(
        route.replace("<pk>", "<int:event_id>"),
        views.moved(name),
        name="legacy_" + name.split(":")[1],
    )
    for route, name in views.LEGACY_ROUTES.items()
]
