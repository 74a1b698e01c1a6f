"""Event and RSVP now belong to the `agenda` app (agenda/migrations/0001): forget them here
without touching their tables."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("communities", "0003_posts_attachments_reports_announcements"),
        ("agenda", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="RSVP"),
                migrations.DeleteModel(name="Event"),
            ],
        ),
    ]
