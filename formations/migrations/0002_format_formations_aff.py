from django.db import migrations


def creer_format(apps, schema_editor):
    from formations import contenu

    contenu.charger(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("formations", "0001_initial"),
        ("programme", "0008_type_acteur_parmi_les_publics"),
    ]

    operations = [migrations.RunPython(creer_format, migrations.RunPython.noop)]
