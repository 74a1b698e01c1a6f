"""Content in two languages: each information page's Wagtail locale follows its `language`.

Until now every page stood in the default locale (French) whatever its language; with
Wagtail's internationalisation on, an English page is in the English locale, so that a
translation (the same translation_key in the other locale) can be made of it.
"""

from django.db import migrations


def locales_from_language(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    StandardPage = apps.get_model("intranet", "StandardPage")
    for code in ("fr", "en"):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        StandardPage.objects.filter(language=code).exclude(locale=locale).update(locale=locale)


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0005_kernel_models_to_core"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(locales_from_language, migrations.RunPython.noop)]
