from django.db import migrations

DEFAULT_VALUES = [
    ("Coopération", "Working together across teams."),
    ("Audace", "Trying something new and learning from it."),
    ("Bienveillance", "Caring for colleagues and users."),
    ("Exigence", "Work done well, to the end."),
]


def add_default_values(apps, schema_editor):
    OrganisationValue = apps.get_model("people", "OrganisationValue")
    if OrganisationValue.objects.exists():
        return
    for order, (name, description) in enumerate(DEFAULT_VALUES):
        OrganisationValue.objects.create(name=name, description=description, sort_order=order)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_kudos")]

    operations = [migrations.RunPython(add_default_values, migrations.RunPython.noop)]
