"""Les listes de diffusion de la lettre et les quatre canaux de relais des sources."""

from django.db import migrations

from relais.contenu import CANAUX, LISTES


def charger(apps, schema_editor):
    Liste = apps.get_model("envois", "Liste")
    Canal = apps.get_model("relais", "Canal")
    Partenaire = apps.get_model("programme", "Partenaire")
    for code, nom, description in LISTES:
        Liste.objects.get_or_create(code=code, defaults={"nom": nom, "description": description})
    partenaires = {p.code: p for p in Partenaire.objects.all()}
    for code, nom, partenaire, genre, audience, frequence, bouclage in CANAUX:
        if partenaire in partenaires:
            Canal.objects.get_or_create(
                code=code,
                defaults={
                    "nom": nom,
                    "partenaire": partenaires[partenaire],
                    "genre": genre,
                    "audience": audience,
                    "frequence": frequence,
                    "jour_bouclage": bouclage,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("relais", "0001_initial"),
        ("envois", "0003_relais_origine"),
        ("programme", "0009_relais_visite_origine"),
    ]

    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
