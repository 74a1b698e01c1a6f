from django.db import migrations


class Migration(migrations.Migration):
    """Objectives' KPI registry and the works-council settings were built side by side."""

    dependencies = [
        ("insights", "0005_works_council_settings"),
        ("insights", "0006_objectives_kpi_registry"),
    ]

    operations = []
