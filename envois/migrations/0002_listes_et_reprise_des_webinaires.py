"""Reprend dans la boîte d'envoi ce que les webinaires tenaient seuls : les abonnements aux
annonces (mêmes jetons : les liens déjà envoyés restent valides) et les envois (mêmes
statuts : rien ne repart, rien n'est oublié)."""

from django.core.management.color import no_style
from django.db import migrations

LISTES = [
    (
        "annonces-du-cycle",
        "Annonces des webinaires",
        "Chaque mois, l'annonce du prochain webinaire du cycle (troisième jeudi, 13 h – 14 h 30).",
    ),
]


def reprendre(apps, schema_editor):
    Liste = apps.get_model("envois", "Liste")
    Abonnement = apps.get_model("envois", "Abonnement")
    Envoi = apps.get_model("envois", "Envoi")
    for code, nom, description in LISTES:
        Liste.objects.get_or_create(code=code, defaults={"nom": nom, "description": description})
    annonces = Liste.objects.get(code="annonces-du-cycle")

    AncienAbonnement = apps.get_model("webinaires", "Abonnement")
    vus: dict[str, int] = {}
    remplaces: dict[int, int] = {}
    # Une adresse abonnée à deux cycles devient un seul abonnement à la liste : le plus
    # avancé (confirmé plutôt qu'en attente), le plus ancien à égalité.
    rang = {"confirme": 0, "en_attente": 1, "desabonne": 2}
    anciens = sorted(
        AncienAbonnement.objects.all(), key=lambda a: (rang.get(a.statut, 3), a.cree_le, a.pk)
    )
    nouveaux = []
    for ancien in anciens:
        cle = ancien.email.lower()
        if cle in vus:
            remplaces[ancien.pk] = vus[cle]
            continue
        vus[cle] = ancien.pk
        nouveaux.append(
            Abonnement(
                pk=ancien.pk,
                liste=annonces,
                email=ancien.email,
                nom=ancien.nom,
                statut=ancien.statut,
                jeton=ancien.jeton,
                cree_le=ancien.cree_le,
                confirme_le=ancien.confirme_le,
                desabonne_le=ancien.desabonne_le,
            )
        )
    Abonnement.objects.bulk_create(nouveaux)

    AncienEnvoi = apps.get_model("webinaires", "Envoi")
    lignes = []
    for ancien in AncienEnvoi.objects.all().iterator(chunk_size=2000):
        source = ancien.inscription_id
        if ancien.abonnement_id is not None:
            source = remplaces.get(ancien.abonnement_id, ancien.abonnement_id)
        lignes.append(
            Envoi(
                pk=ancien.pk,
                genre=f"webinaires.{ancien.type}",
                email=ancien.email,
                objet_id=ancien.webinaire_id,
                source_id=source,
                statut=ancien.statut,
                du_le=ancien.du_le,
                reserve_le=ancien.reserve_le,
                envoye_le=ancien.envoye_le,
                tentatives=ancien.tentatives,
            )
        )
        if len(lignes) >= 2000:
            Envoi.objects.bulk_create(lignes)
            lignes = []
    Envoi.objects.bulk_create(lignes)

    # Les clés reprises telles quelles : les séquences PostgreSQL repartent après elles.
    connexion = schema_editor.connection
    with connexion.cursor() as curseur:
        for sql in connexion.ops.sequence_reset_sql(no_style(), [Abonnement, Envoi]):
            curseur.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("envois", "0001_initial"),
        ("webinaires", "0004_messages_des_contraintes"),
    ]

    operations = [migrations.RunPython(reprendre, migrations.RunPython.noop)]
