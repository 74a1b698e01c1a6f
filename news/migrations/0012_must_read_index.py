from django.db import migrations, models


class Migration(migrations.Migration):
    """Must-reads found in a small partial index, not by reading every news row."""

    dependencies = [("news", "0011_news_category_from_the_list")]

    operations = [
        migrations.AddIndex(
            model_name="newspage",
            index=models.Index(
                condition=models.Q(("must_read", True)), fields=["page_ptr"], name="news_must_read"
            ),
        ),
    ]
