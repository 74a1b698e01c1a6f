"""Workshops become events of their challenge (agenda.Event hosted by the ChallengePage).

Each workshop gives one event: its title, start (and an end two hours later, as workshops
had none), place and link (the format follows: both hybrid, a link alone online), capacity,
organised by the challenge's owner; each registration an RSVP going (the counters follow),
a reminder already sent stays sent; the ideas it was about are linked to the event
(`Idea.events`); its old id is kept as the external key `ideas.workshop`, so that the old
addresses lead to the event. Then Workshop and WorkshopRegistration go.
"""

from datetime import timedelta

from django.db import migrations, models

WORKSHOP_LENGTH = timedelta(hours=2)
OLD_ID_KIND = "ideas.workshop"


def _mode(place, link):
    if place and link:
        return "hybrid"
    return "online" if link else "in_person"


def workshops_to_events(apps, schema_editor):
    workshops = apps.get_model("ideas", "Workshop")
    registrations = apps.get_model("ideas", "WorkshopRegistration")
    events = apps.get_model("agenda", "Event")
    answers = apps.get_model("agenda", "RSVP")
    content_types = apps.get_model("contenttypes", "ContentType")
    keys = apps.get_model("core", "ExternalKey")
    if not workshops.objects.exists():
        return
    challenge_type, _created = content_types.objects.get_or_create(
        app_label="ideas", model="challengepage"
    )
    event_type, _created = content_types.objects.get_or_create(app_label="agenda", model="event")
    for workshop in workshops.objects.select_related("challenge").order_by("pk"):
        seats = list(registrations.objects.filter(workshop=workshop).order_by("created_at", "pk"))
        reminded = [seat.reminded_at for seat in seats if seat.reminded_at is not None]
        event = events.objects.create(
            host_type=challenge_type,
            host_id=workshop.challenge_id,
            title=workshop.title,
            starts_at=workshop.starts_at,
            ends_at=workshop.starts_at + WORKSHOP_LENGTH,
            mode=_mode(workshop.place, workshop.link),
            place=workshop.place,
            online_url=workshop.link,
            capacity=workshop.capacity,
            organiser_id=workshop.challenge.challenge_owner_id,
            created_at=workshop.created_at,
            going_count=len(seats),
            reminded_at=max(reminded) if reminded else None,
        )
        answers.objects.bulk_create(
            [
                answers(event=event, user_id=seat.user_id, status="going", created_at=seat.created_at)
                for seat in seats
            ]
        )
        for idea in workshop.ideas.all():
            idea.events.add(event)
        keys.objects.update_or_create(
            kind=OLD_ID_KIND,
            key=str(workshop.pk),
            defaults={"content_type": event_type, "object_id": str(event.pk)},
        )


class Migration(migrations.Migration):

    dependencies = [
        ("ideas", "0007_comments_to_conversations"),
        ("agenda", "0002_event_host"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="idea",
            name="events",
            field=models.ManyToManyField(blank=True, help_text="The events (workshops) of its challenge that work on it.", related_name="ideas", to="agenda.event", verbose_name="events"),
        ),
        migrations.RunPython(workshops_to_events, migrations.RunPython.noop),
        migrations.DeleteModel(name="WorkshopRegistration"),
        migrations.DeleteModel(name="Workshop"),
    ]
