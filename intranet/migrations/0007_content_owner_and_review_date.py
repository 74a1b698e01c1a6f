"""Information pages get a content owner and a review date; the pages there are already take
their creator as owner and, when published, a review date a year after first publication."""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def give_pages_owners_and_review_dates(apps, schema_editor):
    StandardPage = apps.get_model("intranet", "StandardPage")
    for page in StandardPage.objects.filter(content_owner__isnull=True, owner__isnull=False):
        StandardPage.objects.filter(pk=page.pk).update(content_owner_id=page.owner_id)
    for page in StandardPage.objects.filter(review_date__isnull=True, first_published_at__isnull=False):
        published = page.first_published_at.date()
        StandardPage.objects.filter(pk=page.pk).update(
            review_date=published + datetime.timedelta(days=365)
        )


class Migration(migrations.Migration):

    dependencies = [
        ('intranet', '0006_pages_locale_from_language'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='standardpage',
            name='content_owner',
            field=models.ForeignKey(blank=True, help_text='Who answers for this page and is reminded to review it. Default: its creator.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='content owner'),
        ),
        migrations.AddField(
            model_name='standardpage',
            name='review_date',
            field=models.DateField(blank=True, help_text='When this page should be checked again. Default: a year after it is published.', null=True, verbose_name='review date'),
        ),
        migrations.CreateModel(
            name='ReviewReminder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('review_date', models.DateField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('owner', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='intranet.standardpage')),
            ],
            options={
                'verbose_name': 'review reminder',
                'constraints': [models.UniqueConstraint(fields=('page', 'review_date'), name='intranet_review_reminder_once_per_period')],
            },
        ),
        migrations.RunPython(give_pages_owners_and_review_dates, migrations.RunPython.noop),
    ]
