"""A news item's category is now a row of the managed list (the free text is gone)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("news", "0010_news_categories_from_free_text")]

    operations = [
        migrations.RemoveField(model_name="newspage", name="category"),
        migrations.RenameField(model_name="newspage", old_name="category_ref", new_name="category"),
        migrations.AlterField(
            model_name="newspage",
            name="category",
            field=models.ForeignKey(
                blank=True,
                help_text="From the list editors maintain under Snippets › News categories.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="news",
                to="news.newscategory",
                verbose_name="category",
            ),
        ),
    ]
