"""Reprend dans l'agenda ce que tenaient ``programme`` et ``webinaires`` :

- chaque session d'un format (``programme.SessionFormat``) devient une session (publiée ou
  brouillon) ;
- chaque webinaire reçoit sa session (titre, dates, statut, capacité, lien de connexion,
  version iCalendar, moments de changement et d'annulation) et garde l'UID
  ``webinaire-<clé>@rameau`` : les agendas déjà abonnés gardent leurs événements ;
- chaque inscription est recopiée avec la même clé et le même jeton : les liens d'annulation
  déjà envoyés restent valides, et les ``Envoi`` qui la désignent aussi ;
- les confirmations d'inscription déjà réservées changent seulement de code de genre
  (``webinaires.confirmation`` → ``agenda.confirmation``) : même statut, rien ne repart.
"""

from django.core.management.color import no_style
from django.db import migrations

GENRES = {"webinaires.confirmation": "agenda.confirmation", "webinaires.attente": "agenda.attente"}
CHAMPS_INSCRIPTION = [
    "id",
    "utilisateur_id",
    "nom",
    "email",
    "organisation",
    "profil",
    "consentement",
    "statut",
    "relais_id",
    "jeton",
    "cree_le",
    "confirmee_le",
    "annulee_le",
]


def _format_webinaires(Format):
    format_ = Format.objects.filter(slug="webinaires").first()
    if format_ is None:
        ordre = (Format.objects.order_by("-ordre").values_list("ordre", flat=True).first() or 0) + 1
        format_ = Format.objects.create(
            slug="webinaires", ordre=ordre, nom="Webinaires", description="Le cycle de webinaires."
        )
    return format_


def reprendre(apps, schema_editor):
    Format = apps.get_model("programme", "Format")
    SessionFormat = apps.get_model("programme", "SessionFormat")
    Webinaire = apps.get_model("webinaires", "Webinaire")
    AncienneInscription = apps.get_model("webinaires", "Inscription")
    Session = apps.get_model("agenda", "Session")
    Inscription = apps.get_model("agenda", "Inscription")
    Envoi = apps.get_model("envois", "Envoi")

    for ancienne in SessionFormat.objects.all():
        Session.objects.create(
            format_id=ancienne.format_id,
            titre=ancienne.titre,
            description=ancienne.description,
            debut=ancienne.debut,
            fin=ancienne.fin,
            lieu=ancienne.lieu,
            lien_inscription=ancienne.lien_inscription,
            statut="publie" if ancienne.publiee else "brouillon",
            capacite=None,
        )

    sessions = {}
    webinaires = list(Webinaire.objects.filter(session__isnull=True))
    format_ = _format_webinaires(Format) if webinaires else None
    for webinaire in webinaires:
        session = Session.objects.create(
            format=format_,
            titre=webinaire.titre,
            debut=webinaire.debut,
            fin=webinaire.fin,
            lien_visio=webinaire.lien_connexion,
            capacite=webinaire.capacite,
            statut=webinaire.statut,
            version=webinaire.version,
            dates_modifiees_le=webinaire.dates_modifiees_le,
            annule_le=webinaire.annule_le,
            uid=f"webinaire-{webinaire.pk}@rameau",
        )
        # ``modifie_le`` (DTSTAMP) repris tel quel, pas l'heure de la migration.
        Session.objects.filter(pk=session.pk).update(modifie_le=webinaire.modifie_le)
        Webinaire.objects.filter(pk=webinaire.pk).update(session=session)
        sessions[webinaire.pk] = session.pk

    lot = []
    for ancienne in AncienneInscription.objects.order_by("pk").iterator(chunk_size=2000):
        valeurs = {champ: getattr(ancienne, champ) for champ in CHAMPS_INSCRIPTION}
        lot.append(Inscription(session_id=sessions[ancienne.webinaire_id], **valeurs))
        if len(lot) >= 2000:
            Inscription.objects.bulk_create(lot)
            lot = []
    Inscription.objects.bulk_create(lot)

    for ancien, nouveau in GENRES.items():
        Envoi.objects.filter(genre=ancien).update(genre=nouveau)

    # Les clés reprises telles quelles : la séquence PostgreSQL repart après elles.
    connexion = schema_editor.connection
    with connexion.cursor() as curseur:
        for sql in connexion.ops.sequence_reset_sql(no_style(), [Inscription]):
            curseur.execute(sql)


def rendre(apps, schema_editor):
    Envoi = apps.get_model("envois", "Envoi")
    for ancien, nouveau in GENRES.items():
        Envoi.objects.filter(genre=nouveau).update(genre=ancien)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("webinaires", "0007_webinaire_session"),
        ("programme", "0006_invitation_envoi_dans_la_boite"),
        ("envois", "0002_listes_et_reprise_des_webinaires"),
    ]

    operations = [migrations.RunPython(reprendre, rendre)]
