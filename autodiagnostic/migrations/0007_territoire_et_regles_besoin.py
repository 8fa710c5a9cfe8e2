from django.db import migrations


def charger(apps, schema_editor):
    from autodiagnostic import contenu

    contenu.ajouter_variante_territoire(apps)
    contenu.regles_besoin_et_maturite(apps)


class Migration(migrations.Migration):
    """La variante « Territoire / collectivité » (troisième public du transfert de
    savoir-faire) et la table de recommandation besoin × niveau : le besoin exprimé choisit la
    famille de formats, le niveau choisit dans la famille."""

    dependencies = [
        ("autodiagnostic", "0006_profil_territoire"),
        ("programme", "0002_contenu_programme"),
    ]

    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
