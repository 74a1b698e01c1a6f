"""Name the idea or challenge that existing notices are about, so the centre can stop showing
their text to readers who may no longer see it.

The target is derived from each notice's key: `ideas:idea-submitted:<idea>` and
`ideas:merged:<idea>:…` name the idea; `ideas:answer:<change>` and `ideas:comment:<comment>`
name it through the answer or comment; `ideas:workshop-reminder:<registration>` and
`nudge:<challenge>:…` name the challenge. Notices whose answer, comment or registration is
gone are left as they were.
"""

from django.db import migrations
from django.db.models import Q

BATCH = 2000


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _targets(apps, rows):
    """(pk, target kind, target id) for the rows (pk, key) whose target can be derived."""
    parsed = []
    wanted = {"answer": set(), "comment": set(), "workshop-reminder": set()}
    for pk, key in rows:
        parts = key.split(":")
        if parts[0] == "nudge" and len(parts) > 1:
            parsed.append((pk, "challenge", _number(parts[1])))
        elif parts[0] == "ideas" and len(parts) > 2:
            what, ident = parts[1], _number(parts[2])
            parsed.append((pk, what, ident))
            if what in wanted and ident is not None:
                wanted[what].add(ident)
    StatusChange = apps.get_model("ideas", "StatusChange")
    Comment = apps.get_model("ideas", "Comment")
    Registration = apps.get_model("ideas", "WorkshopRegistration")
    through = {
        "answer": dict(
            StatusChange.objects.filter(pk__in=wanted["answer"]).values_list("pk", "idea_id")
        ),
        "comment": dict(
            Comment.objects.filter(pk__in=wanted["comment"]).values_list("pk", "idea_id")
        ),
        "workshop-reminder": dict(
            Registration.objects.filter(pk__in=wanted["workshop-reminder"]).values_list(
                "pk", "workshop__challenge_id"
            )
        ),
    }
    for pk, what, ident in parsed:
        if ident is None:
            continue
        if what in ("idea-submitted", "merged"):
            yield pk, "ideas.idea", ident
        elif what in ("answer", "comment") and ident in through[what]:
            yield pk, "ideas.idea", through[what][ident]
        elif what == "workshop-reminder" and ident in through[what]:
            yield pk, "ideas.challenge", through[what][ident]
        elif what == "challenge":
            yield pk, "ideas.challenge", ident


def forward(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    untargeted = Notification.objects.filter(target_kind="").filter(
        Q(key__startswith="ideas:") | Q(key__startswith="nudge:")
    )
    last = 0
    while True:
        rows = list(untargeted.filter(pk__gt=last).order_by("pk").values_list("pk", "key")[:BATCH])
        if not rows:
            break
        last = rows[-1][0]
        changed = [
            Notification(pk=pk, target_kind=kind, target_id=ident)
            for pk, kind, ident in _targets(apps, rows)
        ]
        Notification.objects.bulk_update(changed, ["target_kind", "target_id"])


def backward(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(target_kind__in=["ideas.idea", "ideas.challenge"]).update(
        target_kind="", target_id=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0002_notifications_to_centre"),
        ("notifications", "0002_notification_target"),
    ]

    operations = [migrations.RunPython(forward, backward)]
