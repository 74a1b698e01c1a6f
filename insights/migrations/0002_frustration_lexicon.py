"""The starting French and English frustration lexicon; communicators edit it as a snippet."""

from pathlib import Path

from django.db import migrations

LEXICON = Path(__file__).resolve().parent.parent / "data" / "frustration_lexicon.tsv"


def load(apps, schema_editor):
    expression_model = apps.get_model("insights", "FrustrationExpression")
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line.strip():
            language, expression = line.split("\t", 1)
            expression_model.objects.get_or_create(
                expression=expression.strip().lower(), defaults={"language": language}
            )


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
