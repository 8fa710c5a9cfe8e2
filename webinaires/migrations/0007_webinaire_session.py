from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """Chaque webinaire reçoit sa session d'agenda (remplie par ``agenda`` 0002)."""

    dependencies = [
        ('webinaires', '0006_abonnements_et_envois_dans_envois'),
        ('agenda', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='webinaire',
            name='session',
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name='webinaire',
                to='agenda.session',
                verbose_name='session',
            ),
        ),
    ]
