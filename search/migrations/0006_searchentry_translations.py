from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_relevance_desk_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="translations",
            field=models.CharField(blank=True, max_length=20),
        ),
    ]
