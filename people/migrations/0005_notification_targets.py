"""Name the kudos that existing kudos notices are about (`people:kudos:<id>`), so the centre
stops showing the text of a kudos that was since deleted."""

from django.db import migrations

PREFIX = "people:kudos:"


def forward(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects.filter(target_kind="", key__startswith=PREFIX).values_list(
        "pk", "key"
    )
    changed = [
        Notification(pk=pk, target_kind="people.kudos", target_id=int(key.removeprefix(PREFIX)))
        for pk, key in rows
        if key.removeprefix(PREFIX).isdigit()
    ]
    Notification.objects.bulk_update(changed, ["target_kind", "target_id"], batch_size=2000)


def backward(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(target_kind="people.kudos").update(target_kind="", target_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_user_email_index"),
        ("notifications", "0002_notification_target"),
    ]

    operations = [migrations.RunPython(forward, backward)]
