"""An event's community becomes its host (a generic relation: content type and id), so
that a challenge, or any registered host, can organise events too. Every event keeps its
community as host; an event of no community stays one for everyone."""

import django.db.models.deletion
from django.db import migrations, models


def community_to_host(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    events = apps.get_model("agenda", "Event")
    if not events.objects.filter(community__isnull=False).exists():
        return
    community_type, _created = content_types.objects.get_or_create(
        app_label="communities", model="community"
    )
    events.objects.filter(community__isnull=False).update(
        host_type=community_type, host_id=models.F("community_id")
    )


def host_to_community(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    events = apps.get_model("agenda", "Event")
    community_type = content_types.objects.filter(
        app_label="communities", model="community"
    ).first()
    if community_type is None:
        return
    events.objects.filter(host_type=community_type).update(community_id=models.F("host_id"))


class Migration(migrations.Migration):

    dependencies = [
        ("communities", "0004_events_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("agenda", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="host_type",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype", verbose_name="host type"),
        ),
        migrations.AddField(
            model_name="event",
            name="host_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="host"),
        ),
        migrations.RunPython(community_to_host, host_to_community),
        migrations.RemoveField(model_name="event", name="community"),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["host_type", "host_id"], name="event_host_idx"),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("host_id__isnull", True), ("host_type__isnull", True)), models.Q(("host_id__isnull", False), ("host_type__isnull", False)), _connector="OR"), name="event_host_whole"),
        ),
    ]
