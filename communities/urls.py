"""Site URLs under /communities/. Event and poll routes come before `<slug:slug>/` routes."""

from django.urls import path

from communities.views import events

app_name = "communities"

urlpatterns: list = [
    # Events (communities/views/events.py)
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_new, name="event_new"),
    path("events/<int:event_id>/", events.event_detail, name="event"),
    path("events/<int:event_id>/event.ics", events.event_ics, name="event_ics"),
    path("events/<int:event_id>/rsvp/", events.event_rsvp, name="event_rsvp"),
    path("events/<int:event_id>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:event_id>/cancel/", events.event_cancel, name="event_cancel"),
    path("events/<int:event_id>/report/", events.event_report, name="event_report"),
    path("<slug:slug>/events/new/", events.community_event_new, name="community_event_new"),
]
