"""Teasers on news and leadership updates; the managed list of news categories (a snippet),
and the column that will hold a news item's category (filled by 0009 from the free text)."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

TEASER_HELP = "Shown on cards, feeds and search results. At most 240 characters."


class Migration(migrations.Migration):
    dependencies = [("news", "0008_pages_locale_from_language")]

    operations = [
        migrations.CreateModel(
            name="NewsCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "name_en",
                    models.CharField(
                        blank=True,
                        help_text="Shown to those who read in English; the French name when empty.",
                        max_length=100,
                        verbose_name="name in English",
                    ),
                ),
                (
                    "slug",
                    models.SlugField(blank=True, max_length=120, unique=True, verbose_name="slug"),
                ),
            ],
            options={
                "verbose_name": "news category",
                "verbose_name_plural": "news categories",
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("name"),
                        name="news_category_unique_name",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="newspage",
            name="teaser",
            field=models.CharField(
                blank=True, help_text=TEASER_HELP, max_length=240, verbose_name="teaser"
            ),
        ),
        migrations.AddField(
            model_name="leadershipupdatepage",
            name="teaser",
            field=models.CharField(
                blank=True, help_text=TEASER_HELP, max_length=240, verbose_name="teaser"
            ),
        ),
        migrations.AddField(
            model_name="newspage",
            name="category_ref",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="news.newscategory",
            ),
        ),
    ]
