"""E-mails des relais, tous par la boîte d'envoi (``envois``) :

- ``relais.numero`` : un numéro de la lettre à chaque abonné confirmé de sa liste (e-mail de
  liste : List-Id, désabonnement en un clic) ; réservé par :func:`planifier_numeros` quand
  l'heure d'envoi programmée est passée, une ligne par abonné (``reserver_en_masse``) ;
- ``relais.numero_test`` : le même numéro envoyé à un membre de l'équipe (aperçu réel) ;
- ``relais.kit`` : le kit du mois aux contacts de chaque canal, une semaine avant le bouclage
  de sa rédaction, une fois par contact et par mois (le moment dû est le premier du mois) ;
- ``relais.impact`` : le lien de la page d'impact, envoyé au partenaire par l'équipe.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envois import listes, registre
from envois import services as envois
from envois.enums import StatutAbonnement
from envois.models import Abonnement
from rameau import cache, mail, site
from ressources import recherche

from . import kits, lettre
from . import recherche as recherche_relais
from .enums import StatutNumero
from .models import AccesImpact, Canal, ContactCanal, Numero

GENRE_NUMERO = "relais.numero"
GENRE_NUMERO_TEST = "relais.numero_test"
GENRE_KIT = "relais.kit"
GENRE_IMPACT = "relais.impact"
AVANCE_KIT = timedelta(days=7)


# --- Numéros de la lettre -------------------------------------------------------------------


def _preparer_numeros(lignes) -> dict:
    """Un rendu par numéro du lot et les abonnements de tout le lot (deux requêtes)."""
    numeros = Numero.objects.in_bulk({e.objet_id for e in lignes})
    abonnements = Abonnement.objects.select_related("liste").in_bulk(
        [e.source_id for e in lignes if e.source_id]
    )
    return {
        "rendus": {pk: lettre.rendre(n) for pk, n in numeros.items()},
        "numeros": numeros,
        "abonnements": abonnements,
    }


def _message(*, rendu, email, desabonnement, preferences, en_tetes, connexion):
    message = EmailMultiAlternatives(
        subject=mail.une_ligne(rendu.sujet),
        body=lettre.personnaliser(
            rendu.texte, desabonnement=desabonnement, preferences=preferences
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers={nom: mail.une_ligne(valeur) for nom, valeur in en_tetes.items()},
        connection=connexion,
    )
    message.attach_alternative(
        lettre.personnaliser(rendu.html, desabonnement=desabonnement, preferences=preferences),
        "text/html",
    )
    return message


def _composer_numero(envoi, prepare, connexion):
    abonnement = prepare["abonnements"].get(envoi.source_id)
    rendu = prepare["rendus"].get(envoi.objet_id)
    if abonnement is None or rendu is None or abonnement.statut != StatutAbonnement.CONFIRME:
        raise registre.Abandonne
    return _message(
        rendu=rendu,
        email=abonnement.email,
        desabonnement=listes.lien_desabonnement(abonnement),
        preferences=listes.lien_preferences(abonnement.email),
        en_tetes=listes.en_tetes_liste(abonnement),
        connexion=connexion,
    )


def _preparer_tests(lignes) -> dict:
    numeros = Numero.objects.in_bulk({e.objet_id for e in lignes})
    return {pk: lettre.rendre(n) for pk, n in numeros.items()}


def _composer_test(envoi, rendus, connexion):
    rendu = rendus.get(envoi.objet_id)
    if rendu is None:
        raise registre.Abandonne
    lien = site.url_absolue("/lettre/")
    sujet = _("[Test] %(titre)s") % {"titre": rendu.sujet}
    return _message(
        rendu=lettre.Rendu(sujet=sujet, texte=rendu.texte, html=rendu.html),
        email=envoi.email,
        desabonnement=lien,
        preferences=lien,
        en_tetes={},
        connexion=connexion,
    )


registre.genre(
    code=GENRE_NUMERO,
    libelle=gettext_lazy("Lettre du programme (numéro)"),
    composer=_composer_numero,
    preparer=_preparer_numeros,
    transactionnel=False,
    # Une panne de plusieurs heures ne doit pas empêcher la lettre de partir.
    fenetre=timedelta(days=3),
)
registre.genre(
    code=GENRE_NUMERO_TEST,
    libelle=gettext_lazy("Lettre du programme (envoi de test)"),
    composer=_composer_test,
    preparer=_preparer_tests,
)


@registre.planificateur
def planifier_numeros(maintenant: datetime) -> dict[str, int]:
    """Réserve un numéro programmé dont l'heure est passée pour chaque abonné confirmé de sa
    liste, puis le publie. Un second beat, une reprise après une panne ne réservent rien de
    plus (``ON CONFLICT DO NOTHING`` sur (adresse, genre, numéro, moment dû))."""
    reserves = 0
    dus = Numero.objects.filter(statut=StatutNumero.PROGRAMME, envoi_le__lte=maintenant)
    for numero in dus:
        with transaction.atomic():
            reserves += envois.reserver_en_masse(
                genre=GENRE_NUMERO,
                objet_id=numero.pk,
                du_le=numero.envoi_le,
                table=Abonnement._meta.db_table,
                filtre="s.liste_id = %s AND s.statut = %s",
                valeurs=[numero.liste_id, StatutAbonnement.CONFIRME],
            )
            publie = Numero.objects.filter(pk=numero.pk, statut=StatutNumero.PROGRAMME).update(
                statut=StatutNumero.ENVOYE, publie_le=maintenant
            )
            if publie:
                # ``update`` n'émet pas de signal : l'archive en cache est recalculée ici, et
                # le numéro entre dans l'index de recherche.
                recherche.indexer(genre=recherche_relais.GENRE, ids=[numero.pk])
                transaction.on_commit(lambda: cache.invalider("relais"))
    return {"a_envoyer": reserves} if reserves else {}


# --- Kit du mois aux contacts des canaux ----------------------------------------------------


def debut_du_mois(maintenant: datetime) -> datetime:
    local = timezone.localtime(maintenant)
    return timezone.make_aware(datetime.combine(local.date().replace(day=1), time()))


def _mois_suivant(debut: datetime) -> datetime:
    jour = (timezone.localtime(debut).date().replace(day=28) + timedelta(days=4)).replace(day=1)
    return timezone.make_aware(datetime.combine(jour, time()))


def fenetre_du_kit(canal: Canal, maintenant: datetime) -> tuple[datetime, datetime]:
    """(départ, bouclage) du kit du mois de ``maintenant`` pour ce canal : une semaine avant
    le bouclage de sa rédaction (le premier du mois s'il boucle dans la première semaine) ;
    sans jour de bouclage (site, plateforme), le premier du mois, pour tout le mois."""
    debut = debut_du_mois(maintenant)
    if canal.jour_bouclage is None:
        return debut.replace(hour=9), _mois_suivant(debut)
    bouclage = debut + timedelta(days=canal.jour_bouclage)
    depart = max(debut, bouclage - timedelta(days=1) - AVANCE_KIT).replace(hour=9)
    return depart, bouclage


@registre.planificateur
def planifier_kits(maintenant: datetime) -> dict[str, int]:
    """Réserve le kit du mois pour chaque contact des canaux actifs dont le moment est venu
    (et le bouclage pas encore passé). Le moment dû enregistré est le premier du mois : un
    bouclage déplacé en cours de mois ne renvoie pas le kit."""
    reserves = 0
    debut = debut_du_mois(maintenant)
    for canal in Canal.objects.filter(actif=True):
        depart, bouclage = fenetre_du_kit(canal, maintenant)
        if not (depart <= maintenant < bouclage):
            continue
        reserves += envois.reserver_en_masse(
            genre=GENRE_KIT,
            objet_id=canal.pk,
            du_le=debut,
            table=ContactCanal._meta.db_table,
            filtre="s.canal_id = %s",
            valeurs=[canal.pk],
        )
    return {"a_envoyer": reserves} if reserves else {}


def _preparer_kits(lignes) -> dict:
    canaux = Canal.objects.select_related("partenaire").in_bulk({e.objet_id for e in lignes})
    return {"canaux": canaux, "maintenant": timezone.now()}


def _composer_kit(envoi, prepare, connexion):
    canal = prepare["canaux"].get(envoi.objet_id)
    if canal is None or not canal.actif:
        raise registre.Abandonne
    if not ContactCanal.objects.filter(canal=canal, email__iexact=envoi.email).exists():
        raise registre.Abandonne
    return mail.construire(
        destinataire=envoi.email,
        sujet=_("Le kit relais du mois pour %(canal)s") % {"canal": canal.nom},
        gabarit="relais/emails/kit",
        contexte={
            "canal": canal,
            "elements": kits.kit(canal=canal, maintenant=prepare["maintenant"]),
            "lien_kit": site.url_absolue(canal.get_absolute_url()),
        },
        connexion=connexion,
    )


registre.genre(
    code=GENRE_KIT,
    libelle=gettext_lazy("Kit relais du mois"),
    composer=_composer_kit,
    preparer=_preparer_kits,
    fenetre=timedelta(days=31),
)


# --- Lien de la page d'impact ---------------------------------------------------------------


def _composer_impact(envoi, _prepare, connexion):
    acces = AccesImpact.objects.select_related("partenaire").filter(pk=envoi.objet_id).first()
    if acces is None:
        raise registre.Abandonne
    return mail.construire(
        destinataire=envoi.email,
        sujet=_("Ce que %(partenaire)s apporte au programme") % {"partenaire": acces.partenaire},
        gabarit="relais/emails/impact",
        contexte={"acces": acces, "lien": site.url_absolue(acces.get_absolute_url())},
        connexion=connexion,
    )


registre.genre(
    code=GENRE_IMPACT, libelle=gettext_lazy("Lien de la page d'impact"), composer=_composer_impact
)
