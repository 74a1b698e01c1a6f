"""News comments, reactions and reports live in core.conversations now (its 0002 copied them);
their tables go. The editors' `moderate_engagement` permission moves to the Question model
with the groups that have it."""

from django.db import migrations


def _move_permission(apps, from_model: str, to_model: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    target = ContentType.objects.get_or_create(app_label="news", model=to_model)[0]
    # By id: while unapplying, the state may hold two renderings of ContentType.
    if Permission.objects.filter(content_type_id=target.pk, codename="moderate_engagement").exists():
        return
    Permission.objects.filter(
        content_type__app_label="news",
        content_type__model=from_model,
        codename="moderate_engagement",
    ).update(content_type_id=target.pk)


def forwards(apps, schema_editor):
    _move_permission(apps, "comment", "question")


def backwards(apps, schema_editor):
    _move_permission(apps, "question", "comment")


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0003_synonym_permissions'),
        ('conversations', '0002_copy_news_and_ideas'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterModelOptions(
            name='question',
            options={'ordering': ['-vote_count', '-created_at'], 'permissions': [('answer_question', 'Can answer and close leadership questions'), ('reveal_anonymous_author', 'Can see who asked an anonymous question'), ('moderate_engagement', 'Can hide and restore comments')], 'verbose_name': 'leadership question'},
        ),
        migrations.DeleteModel(
            name="CommentReport",
        ),
        migrations.DeleteModel(
            name="Reaction",
        ),
        migrations.DeleteModel(
            name="Comment",
        ),
    ]
