from django.db import migrations


class Migration(migrations.Migration):
    """Weekly term counts (signals) were built beside the objectives and works-council work."""

    dependencies = [
        ("insights", "0004_signals_weekly_term_counts"),
        ("insights", "0007_merge_objectives_and_works_council"),
    ]

    operations = []
