"""Le public d'une ressource passe au vocabulaire unique du programme
(:class:`programme.enums.Public`), une liste comme pour les sessions : « tous » devient la
liste vide (tous les publics), les quatre catégories larges deviennent les publics qu'elles
réunissaient."""

from django.db import migrations

import programme.fields

CORRESPONDANCE = {
    "tous": [],
    "organisations": ["association", "tete_de_reseau"],
    "territoires": ["territoire"],
    "accompagnateurs": ["accompagnateur", "financeur"],
    "chercheurs": ["chercheur"],
}


def vers_publics(apps, schema_editor):
    from ressources import contenu

    Ressource = apps.get_model("ressources", "Ressource")
    for ressource in Ressource.objects.all():
        ressource.publics = CORRESPONDANCE.get(ressource.public, [])
        ressource.save(update_fields=["publics"])
    # Les ressources de départ reçoivent les publics précis du contenu.
    contenu.charger(apps)


def vers_public(apps, schema_editor):
    Ressource = apps.get_model("ressources", "Ressource")
    inverse = {tuple(v): k for k, v in CORRESPONDANCE.items()}
    for ressource in Ressource.objects.all():
        ressource.public = inverse.get(tuple(ressource.publics), "tous")
        ressource.save(update_fields=["public"])


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0005_ressources_qualifiees"),
    ]

    operations = [
        migrations.AddField(
            model_name="ressource",
            name="publics",
            field=programme.fields.ChampPublics(
                blank=True,
                default=list,
                help_text="Aucun coché : tous les publics.",
                max_length=200,
                verbose_name="publics",
            ),
        ),
        migrations.RunPython(vers_publics, vers_public),
        migrations.RemoveField(model_name="ressource", name="public"),
    ]
