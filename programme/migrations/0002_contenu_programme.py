from django.db import migrations


def charger(apps, schema_editor):
    from programme import contenu

    contenu.charger(apps)


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
