"""Day stamps (journal.models.DayStamp), kept by the triggers of journal/day_stamps.py; the days already logged are
stamped once here."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from journal import day_stamps


def _user_table(apps):
    return apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table


def create_triggers(apps, schema_editor):
    day_stamps.create_triggers(schema_editor, _user_table(apps))
    day_stamps.stamp_days_logged(schema_editor)


def drop_triggers(apps, schema_editor):
    day_stamps.drop_triggers(schema_editor, _user_table(apps))


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0012_supplement_dose_product_date_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DayStamp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField()),
                ('stamp', models.BigIntegerField()),
                ('user', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('user', 'date'), name='one_stamp_a_day')],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
