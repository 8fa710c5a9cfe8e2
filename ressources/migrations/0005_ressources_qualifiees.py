from django.db import migrations


def charger(apps, schema_editor):
    from ressources import contenu

    contenu.charger(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0004_index_de_recherche"),
    ]

    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
