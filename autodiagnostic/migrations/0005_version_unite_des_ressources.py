from django.db import migrations


def ajouter_unite(apps, schema_editor):
    from autodiagnostic import contenu

    contenu.ajouter_unite_ressources(apps)


class Migration(migrations.Migration):
    """Nouvelle version publiée de chaque questionnaire : l'unité des ressources (euros ou
    pourcentages) se choisit une fois pour toutes. Les versions publiées ne changent pas ;
    elles sont archivées et leurs résultats gardent leurs scores."""

    dependencies = [
        ("autodiagnostic", "0004_question_type_unite"),
    ]

    operations = [migrations.RunPython(ajouter_unite, migrations.RunPython.noop)]
