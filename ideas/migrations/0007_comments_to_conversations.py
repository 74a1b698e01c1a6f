"""Idea comments and reports live in core.conversations now (its 0002 copied them, ids
kept); their tables go."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0006_co_author_invitations'),
        ('conversations', '0002_copy_news_and_ideas'),
    ]

    operations = [
        migrations.DeleteModel(
            name="Report",
        ),
        migrations.DeleteModel(
            name="Comment",
        ),
    ]
