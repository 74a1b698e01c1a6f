"""Event and RSVP move from `communities` to `agenda` (the events app) without moving a row: the state is
created here on the tables `communities_event` and `communities_rsvp` (the database is left
as it is), and their content types are renamed, so that permissions (`add_event`…), import
keys and anything else that names them by content type follow."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ("event", "rsvp")


def rename_content_types(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if content_types.objects.filter(app_label="agenda", model=model).exists():
            continue
        content_types.objects.filter(app_label="communities", model=model).update(
            app_label="agenda"
        )


def restore_content_types(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="agenda", model__in=MOVED).update(
        app_label="communities"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("communities", "0003_posts_attachments_reports_announcements"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Event",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        ("description", models.TextField(blank=True, help_text="Sanitised HTML.", verbose_name="description")),
                        ("mode", models.CharField(choices=[("in_person", "In person"), ("online", "Online"), ("hybrid", "Hybrid")], default="in_person", max_length=10, verbose_name="format")),
                        ("starts_at", models.DateTimeField(db_index=True, verbose_name="starts at")),
                        ("ends_at", models.DateTimeField(verbose_name="ends at")),
                        ("place", models.CharField(blank=True, max_length=300, verbose_name="place")),
                        ("online_url", models.URLField(blank=True, verbose_name="online link")),
                        ("capacity", models.PositiveIntegerField(blank=True, help_text="Empty: no limit.", null=True, verbose_name="capacity")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("going_count", models.PositiveIntegerField(default=0)),
                        ("waitlist_count", models.PositiveIntegerField(default=0)),
                        ("reminded_at", models.DateTimeField(blank=True, null=True)),
                        ("report", models.TextField(blank=True, help_text="What was decided (sanitised HTML).", verbose_name="report")),
                        ("report_links", models.JSONField(blank=True, default=list, help_text="Links to the ideas or posts the event produced: [{title, url}].", verbose_name="what it produced")),
                        ("reported_at", models.DateTimeField(blank=True, null=True)),
                        ("cancelled_at", models.DateTimeField(blank=True, null=True, verbose_name="cancelled at")),
                        ("community", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="communities.community", verbose_name="community")),
                        ("organiser", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="organiser")),
                    ],
                    options={
                        "verbose_name": "event",
                        "ordering": ["starts_at", "pk"],
                        "db_table": "communities_event",
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("ends_at__gte", models.F("starts_at"))), name="event_ends_after"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="RSVP",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("status", models.CharField(choices=[("going", "Going"), ("waitlist", "On the waiting list")], max_length=10)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("event", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="rsvps", to="agenda.event")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="event_rsvps", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "RSVP",
                        "db_table": "communities_rsvp",
                        "indexes": [models.Index(fields=["event", "status", "created_at"], name="communities_event_i_4a44b2_idx")],
                        "constraints": [models.UniqueConstraint(fields=("event", "user"), name="rsvp_once")],
                    },
                ),
            ],
        ),
        migrations.RunPython(rename_content_types, restore_content_types, elidable=False),
    ]
