"""Move the ideas hub's notices into the shared notification centre, then drop its table.

Each notice keeps its recipient, message, link, email and read times; its event becomes the
centre's key `ideas:<event>`, so a task re-run after the move still finds it and sends nothing.
"""

from django.db import migrations

BATCH = 2000


def forward(apps, schema_editor):
    Old = apps.get_model("ideas", "Notification")
    New = apps.get_model("notifications", "Notification")
    batch = []
    for old in Old.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            New(
                recipient_id=old.recipient_id,
                key=f"ideas:{old.event}",
                kind="ideas",
                message=old.message,
                url=old.url,
                immediate=not old.event.startswith("comment:"),
                emailed_at=old.emailed_at,
                read_at=old.read_at,
                created_at=old.created_at,
            )
        )
        if len(batch) >= BATCH:
            New.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    New.objects.bulk_create(batch, ignore_conflicts=True)


def backward(apps, schema_editor):
    Old = apps.get_model("ideas", "Notification")
    New = apps.get_model("notifications", "Notification")
    Old.objects.bulk_create(
        [
            Old(
                recipient_id=new.recipient_id,
                event=new.key.removeprefix("ideas:")[:120],
                message=new.message,
                url=new.url,
                emailed_at=new.emailed_at,
                read_at=new.read_at,
            )
            for new in New.objects.filter(key__startswith="ideas:")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="Notification"),
    ]
