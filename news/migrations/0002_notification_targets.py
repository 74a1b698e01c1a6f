"""Name the page that existing "leadership answered your question" notices are about (the
question's update, or the leadership index for a general question), so the centre stops
showing their text to readers who may no longer open it. Notices whose question is gone are
left as they were."""

from django.db import migrations

PREFIX = "news:question-answered:"


def forward(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Question = apps.get_model("news", "Question")
    LeadershipIndexPage = apps.get_model("news", "LeadershipIndexPage")
    index = LeadershipIndexPage.objects.filter(live=True).order_by("path").first()
    rows = list(
        Notification.objects.filter(target_kind="", key__startswith=PREFIX).values_list(
            "pk", "key"
        )
    )
    asked = {
        pk: int(key.removeprefix(PREFIX))
        for pk, key in rows
        if key.removeprefix(PREFIX).isdigit()
    }
    updates = dict(
        Question.objects.filter(pk__in=set(asked.values())).values_list("pk", "update_id")
    )
    changed = []
    for pk, question_id in asked.items():
        if question_id not in updates:
            continue
        page_id = updates[question_id] or (index.pk if index else None)
        if page_id is not None:
            changed.append(Notification(pk=pk, target_kind="news.page", target_id=page_id))
    Notification.objects.bulk_update(changed, ["target_kind", "target_id"], batch_size=2000)


def backward(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(target_kind="news.page").update(target_kind="", target_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("notifications", "0002_notification_target"),
    ]

    operations = [migrations.RunPython(forward, backward)]
