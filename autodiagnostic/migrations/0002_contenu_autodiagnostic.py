from django.db import migrations


def charger(apps, schema_editor):
    from autodiagnostic import contenu

    contenu.charger_version_initiale(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("autodiagnostic", "0001_initial"),
        ("programme", "0002_contenu_programme"),
    ]

    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
