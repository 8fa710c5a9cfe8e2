"""Envois dus (annonce, rappels J-1 et H-1, replay, changement de date, annulation) —
exactement une fois.

Le beat appelle :func:`traiter` toutes les quelques minutes ; rien n'est programmé à
l'avance. Le déroulé :

1. :func:`planifier` demande à la base ce qui est dû à ``maintenant`` et *réserve* une ligne
   :class:`Envoi` par destinataire (``INSERT … SELECT … ON CONFLICT DO NOTHING`` sous la
   contrainte unique (destinataire, webinaire, type)) : un deuxième beat ou une reprise ne
   crée jamais de doublon. Ce qui est dû depuis plus longtemps que la fenêtre de rattrapage
   est noté « manqué ». Une personne inscrite après le moment d'un rappel n'est pas retenue.
2. :func:`envoyer_dus` prend des lots avec ``SELECT … FOR UPDATE SKIP LOCKED`` (deux workers
   se partagent le travail sans se marcher dessus), les passe « en cours » avec l'heure de
   réservation, puis envoie le lot sur une seule connexion SMTP en validant chaque ligne
   « envoyé » juste après l'acceptation du message. Un lot « en cours » dont le bail a expiré
   (worker tué) est repris : seuls les messages non encore validés repartent.

Quand l'équipe déplace une date ou annule un webinaire, l'administration note le moment
(``dates_modifiees_le``, ``annule_le``) : le message « changement de date » ou « annulation »
devient dû pour les inscrits confirmés. Les rappels suivent la nouvelle date (l'unicité porte
aussi sur le moment dû) ; ceux de l'ancienne encore en attente sont notés « périmé ».
"""

import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import mails
from . import smtp as transmission
from .enums import StatutAbonnement, StatutEnvoi, StatutInscription, StatutWebinaire, TypeEnvoi
from .models import Abonnement, Envoi, Inscription, Webinaire

logger = logging.getLogger(__name__)

# Au-delà, on ne note même plus les envois manqués (premier déploiement, vieux cycles).
RETROSPECTIVE = timedelta(days=31)
TAILLE_LOT = 500
TENTATIVES_MAX = 5


def fenetre() -> timedelta:
    return timedelta(hours=settings.WEBINAIRES_FENETRE_RATTRAPAGE_HEURES)


def bail() -> timedelta:
    return timedelta(seconds=settings.WEBINAIRES_BAIL_ENVOI_SECONDES)


def moment(webinaire: Webinaire, type_envoi: str):
    """Quand un envoi devient dû ; ``None`` s'il ne l'est pas (pas de replay, pas de
    changement de date, webinaire annulé pour les rappels ou publié pour l'annulation)."""
    if type_envoi == TypeEnvoi.ANNULATION:
        return webinaire.annule_le if webinaire.statut == StatutWebinaire.ANNULE else None
    if webinaire.statut != StatutWebinaire.PUBLIE:
        return None
    cycle = webinaire.cycle
    if type_envoi == TypeEnvoi.ANNONCE:
        return webinaire.debut - cycle.delai_annonce
    if type_envoi == TypeEnvoi.VEILLE:
        return webinaire.debut - cycle.delai_rappel_veille
    if type_envoi == TypeEnvoi.HEURE:
        return webinaire.debut - cycle.delai_rappel_heure
    if type_envoi == TypeEnvoi.MODIFICATION:
        return webinaire.dates_modifiees_le
    return webinaire.replay_publie_le if webinaire.lien_replay else None


def _inserer(*, webinaire: Webinaire, type_envoi: str, du_le, statut: str) -> int:
    """Réserve une ligne par destinataire retenu ; les lignes existantes sont conservées."""
    envoi = Envoi._meta.db_table
    if type_envoi == TypeEnvoi.ANNONCE:
        source, cle, table = "abonnement_id", "cycle_id", Abonnement._meta.db_table
        filtre = "s.statut = %s AND s.confirme_le <= %s"
        valeurs = [webinaire.cycle_id, StatutAbonnement.CONFIRME, du_le]
    else:
        source, cle, table = "inscription_id", "webinaire_id", Inscription._meta.db_table
        filtre = "s.statut = %s AND s.confirmee_le <= %s"
        valeurs = [webinaire.pk, StatutInscription.CONFIRMEE, du_le]
    sql = (
        f"INSERT INTO {envoi} (webinaire_id, type, email, {source}, statut, du_le, reserve_le,"
        f" tentatives) SELECT %s, %s, LOWER(s.email), s.id, %s, %s, %s, 0 FROM {table} s"
        f" WHERE s.{cle} = %s AND {filtre} ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [webinaire.pk, type_envoi, statut, du_le, timezone.now(), *valeurs])
        return cursor.rowcount


def planifier(*, maintenant=None) -> dict[str, int]:
    """Réserve les envois devenus dus ; renvoie le nombre de lignes créées par statut."""
    maintenant = maintenant or timezone.now()
    bilan = {StatutEnvoi.A_ENVOYER: 0, StatutEnvoi.MANQUE: 0}
    horizon = maintenant + timedelta(days=62)
    recent = maintenant - RETROSPECTIVE
    candidats = Webinaire.objects.filter(
        statut__in=[StatutWebinaire.PUBLIE, StatutWebinaire.ANNULE]
    ).filter(
        Q(debut__gte=recent, debut__lte=horizon)
        | Q(replay_publie_le__gte=recent)
        | Q(dates_modifiees_le__gte=recent)
        | Q(annule_le__gte=recent)
    )
    for webinaire in candidats.select_related("cycle"):
        for type_envoi in TypeEnvoi:
            du_le = moment(webinaire, type_envoi)
            if du_le is None or du_le > maintenant or du_le < recent:
                continue
            trop_tard = du_le < maintenant - fenetre() or (
                type_envoi != TypeEnvoi.REPLAY and webinaire.debut <= maintenant
            )
            if trop_tard:
                deja = Envoi.objects.filter(
                    webinaire=webinaire, type=type_envoi, du_le=du_le
                ).exists()
                if deja:
                    continue
                statut = StatutEnvoi.MANQUE
            else:
                statut = StatutEnvoi.A_ENVOYER
            bilan[statut] += _inserer(
                webinaire=webinaire, type_envoi=type_envoi, du_le=du_le, statut=statut
            )
    return bilan


@dataclass(frozen=True)
class Lot:
    """Lignes réservées ensemble ; l'heure de réservation sert de jeton d'exclusivité."""

    ids: list[int]
    jeton: datetime


def _reserver_lot(*, maintenant, taille: int) -> Lot | None:
    """Passe un lot « en cours » ; un lot dont le bail a expiré est repris."""
    reel = timezone.now()
    repris = Q(statut=StatutEnvoi.EN_COURS, reserve_le__lt=reel - bail())
    with transaction.atomic():
        ids = list(
            Envoi.objects.select_for_update(skip_locked=True)
            .filter(Q(statut=StatutEnvoi.A_ENVOYER) | repris)
            .order_by("id")
            .values_list("id", flat=True)[:taille]
        )
        if not ids:
            return None
        lot = Envoi.objects.filter(id__in=ids)
        # Devenu trop vieux pendant une panne : noté manqué, pas envoyé en retard.
        lot.filter(du_le__lt=maintenant - fenetre()).update(statut=StatutEnvoi.MANQUE)
        lot.filter(tentatives__gte=TENTATIVES_MAX).update(statut=StatutEnvoi.ABANDONNE)
        lot.filter(~Q(statut__in=[StatutEnvoi.MANQUE, StatutEnvoi.ABANDONNE])).update(
            statut=StatutEnvoi.EN_COURS, reserve_le=reel, tentatives=F("tentatives") + 1
        )
    return Lot(ids=ids, jeton=reel)


def _toujours_destinataire(envoi: Envoi) -> bool:
    if envoi.abonnement_id:
        return envoi.abonnement.statut == StatutAbonnement.CONFIRME
    if envoi.inscription_id:
        return envoi.inscription.statut == StatutInscription.CONFIRMEE
    return False


def envoyer_lot(lot: Lot) -> int:
    """Envoie un lot réservé sur une seule connexion SMTP ; renvoie le nombre envoyé.

    Chaque ligne n'est validée que si ce lot la détient encore (même jeton) : si le bail a
    été repris par un autre worker, le message en cours est abandonné avant son « . » final.
    Passé la moitié du bail, le reste du lot est rendu pour un prochain passage.
    """
    envois = (
        Envoi.objects.filter(id__in=lot.ids, statut=StatutEnvoi.EN_COURS, reserve_le=lot.jeton)
        .select_related("webinaire__cycle", "inscription", "abonnement")
        .order_by("id")
    )
    mien = Envoi.objects.filter(statut=StatutEnvoi.EN_COURS, reserve_le=lot.jeton)
    limite = time.monotonic() + bail().total_seconds() / 2
    envoyes = 0
    with get_connection() as smtp:
        messages = mails.Rappels(connexion=smtp)
        for envoi in envois.iterator(chunk_size=TAILLE_LOT):
            if time.monotonic() > limite:
                mien.filter(id__in=lot.ids).update(statut=StatutEnvoi.A_ENVOYER)
                break
            if not _toujours_destinataire(envoi):
                mien.filter(pk=envoi.pk).update(statut=StatutEnvoi.ABANDONNE)
                continue
            if moment(envoi.webinaire, envoi.type) != envoi.du_le:
                # Date déplacée ou webinaire annulé depuis la réservation : ce message
                # annoncerait un horaire faux ; les envois de la nouvelle date le remplacent.
                mien.filter(pk=envoi.pk).update(statut=StatutEnvoi.PERIME)
                continue
            message = messages.message(envoi)

            def valider(pk=envoi.pk) -> bool:
                envoye = {"statut": StatutEnvoi.ENVOYE, "envoye_le": timezone.now()}
                return mien.filter(pk=pk).update(**envoye) == 1

            try:
                if transmission.transmissible(smtp):
                    # Validé juste avant le « . » final : voir webinaires/smtp.py.
                    transmission.transmettre(smtp, message, valider=valider)
                else:
                    # Autres backends (console, mémoire) : validé puis envoyé.
                    if not valider():
                        raise transmission.BailPerdu
                    smtp.send_messages([message])
            except transmission.BailPerdu:
                logger.warning("Lot repris par un autre worker : arrêt avant l'envoi %s", envoi.pk)
                break
            except (smtplib.SMTPRecipientsRefused, transmission.RefusSMTP) as exc:
                logger.warning("Envoi %s refusé par le serveur (%s) : abandonné", envoi.pk, exc)
                Envoi.objects.filter(pk=envoi.pk).update(statut=StatutEnvoi.ABANDONNE)
                continue
            envoyes += 1
    return envoyes


def envoyer_dus(*, maintenant=None, taille_lot: int = TAILLE_LOT) -> int:
    """Envoie tout ce qui est réservé, lot par lot ; renvoie le nombre de messages envoyés."""
    maintenant = maintenant or timezone.now()
    total = 0
    while lot := _reserver_lot(maintenant=maintenant, taille=taille_lot):
        total += envoyer_lot(lot)
    return total


def traiter(*, maintenant=None, taille_lot: int = TAILLE_LOT) -> dict:
    """Ce que fait le beat : planifier puis envoyer."""
    maintenant = maintenant or timezone.now()
    bilan = planifier(maintenant=maintenant)
    envoyes = envoyer_dus(maintenant=maintenant, taille_lot=taille_lot)
    return {
        "reserves": bilan[StatutEnvoi.A_ENVOYER],
        "manques": bilan[StatutEnvoi.MANQUE],
        "envoyes": envoyes,
    }
