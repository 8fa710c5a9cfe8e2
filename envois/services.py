"""La boîte d'envoi : réserver, puis envoyer exactement une fois.

Deux chemins mènent à une ligne :class:`~envois.models.Envoi` :

- un e-mail **transactionnel** (confirmation, invitation, lien de reprise…) est réservé par
  :func:`envoi_programmer` dans la transaction de l'action qui le cause ; après le commit,
  une tâche l'envoie aussitôt. Si Redis ou le worker sont injoignables à ce moment, la ligne
  attend en base et le passage suivant du beat l'envoie : rien n'est perdu ;
- un e-mail **planifié** (rappels, annonces, lettres) est réservé par les planificateurs que
  les applications enregistrent (``envois.registre``) : le beat appelle :func:`traiter`, qui
  leur demande ce qui est dû (``INSERT … SELECT … ON CONFLICT DO NOTHING`` via
  :func:`reserver_en_masse`) puis envoie.

L'envoi prend des lots avec ``SELECT … FOR UPDATE SKIP LOCKED`` (deux workers se partagent
le travail), les passe « en cours » avec l'heure de réservation comme jeton d'exclusivité,
puis envoie le lot sur une seule connexion SMTP en validant chaque ligne « envoyé » juste
avant le « . » final (``envois.smtp``). Un lot « en cours » dont le bail a expiré (worker
tué) est repris : seuls les messages non encore validés repartent.
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
from django.db.models.functions import Lower
from django.utils import timezone

from . import registre
from . import smtp as transmission
from .enums import StatutEnvoi
from .models import Envoi, Suppression

logger = logging.getLogger(__name__)

TAILLE_LOT = 500
TENTATIVES_MAX = 5


def fenetre() -> timedelta:
    """Fenêtre de rattrapage par défaut d'un envoi en retard (panne du beat ou du worker)."""
    return timedelta(hours=settings.ENVOIS_FENETRE_RATTRAPAGE_HEURES)


def bail() -> timedelta:
    return timedelta(seconds=settings.ENVOIS_BAIL_SECONDES)


# --- Réserver -------------------------------------------------------------------------------


def envoi_programmer(
    *, genre: str, email: str, objet_id: int, source_id: int | None = None, du_le=None
) -> Envoi:
    """Réserve un e-mail transactionnel ; il part après le commit de la transaction en cours.

    Idempotent : la même (adresse, genre, objet, moment dû) donne la même ligne, et un seul
    envoi. ``du_le`` fixe ce qui compte pour un seul e-mail (ex. l'heure de l'inscription :
    une réinscription après annulation est un nouvel e-mail ; une minute tronquée : au plus
    un lien de reprise par minute).
    """
    if genre not in registre.GENRES:
        raise LookupError(f"Genre d'envoi inconnu : {genre}")
    envoi, cree = Envoi.objects.get_or_create(
        email=email.strip().lower(),
        genre=genre,
        objet_id=objet_id,
        du_le=du_le or timezone.now(),
        defaults={"source_id": source_id},
    )
    if cree:
        transaction.on_commit(lambda: expedier_bientot(envoi.pk))
    return envoi


def expedier_bientot(envoi_id: int) -> None:
    """Met l'envoi en file ; sans Redis ni worker, le beat s'en chargera (la ligne est là)."""
    from .tasks import envoyer_envoi

    try:
        envoyer_envoi.delay(envoi_id)
    except Exception:  # courtier injoignable : ne pas faire échouer l'action de la personne
        logger.warning(
            "File d'attente injoignable : l'envoi %s partira au prochain beat.", envoi_id
        )


def reserver_en_masse(
    *,
    genre: str,
    objet_id: int,
    du_le: datetime,
    table: str,
    filtre: str,
    valeurs: list,
    statut: str = StatutEnvoi.A_ENVOYER,
) -> int:
    """Réserve une ligne par destinataire de ``table`` (alias ``s``, colonnes ``id`` et
    ``email``) qui vérifie ``filtre`` ; les lignes existantes sont conservées (un deuxième
    beat ne crée aucun doublon). Renvoie le nombre de lignes créées."""
    envoi = Envoi._meta.db_table
    sql = (
        f"INSERT INTO {envoi} (genre, email, objet_id, source_id, statut, du_le, reserve_le,"
        f" tentatives, erreur) SELECT %s, LOWER(s.email), %s, s.id, %s, %s, %s, 0, ''"
        f" FROM {table} s WHERE {filtre} ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [genre, objet_id, statut, du_le, timezone.now(), *valeurs])
        return cursor.rowcount


def perimer(*, genres: list[str], objet_id: int, sauf_du_le=None) -> int:
    """Note « périmé » ce qui n'est pas encore parti pour cet objet (date déplacée…)."""
    qs = Envoi.objects.filter(genre__in=genres, objet_id=objet_id, statut=StatutEnvoi.A_ENVOYER)
    if sauf_du_le is not None:
        qs = qs.exclude(du_le=sauf_du_le)
    return qs.update(statut=StatutEnvoi.PERIME)


# --- Envoyer --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lot:
    """Lignes réservées ensemble ; l'heure de réservation sert de jeton d'exclusivité."""

    ids: list[int]
    jeton: datetime


def _trop_tard(*, genre: str, du_le, maintenant) -> bool:
    decrit = registre.GENRES.get(genre)
    limite = decrit.fenetre if decrit and decrit.fenetre is not None else fenetre()
    return du_le < maintenant - limite


def _reserver(qs, *, maintenant, taille: int) -> Lot | None:
    reel = timezone.now()
    with transaction.atomic():
        lignes = list(
            qs.select_for_update(skip_locked=True)
            .order_by("id")
            .values_list("id", "genre", "du_le", "tentatives")[:taille]
        )
        if not lignes:
            return None
        ids = [ligne[0] for ligne in lignes]
        # Devenu trop vieux pendant une panne : noté manqué, pas envoyé hors de propos.
        manques = [
            i for i, g, d, _t in lignes if _trop_tard(genre=g, du_le=d, maintenant=maintenant)
        ]
        epuises = [i for i, _g, _d, t in lignes if t >= TENTATIVES_MAX and i not in manques]
        if manques:
            Envoi.objects.filter(id__in=manques).update(statut=StatutEnvoi.MANQUE)
        if epuises:
            Envoi.objects.filter(id__in=epuises).update(statut=StatutEnvoi.ECHEC)
        Envoi.objects.filter(id__in=ids).exclude(id__in=manques + epuises).update(
            statut=StatutEnvoi.EN_COURS, reserve_le=reel, tentatives=F("tentatives") + 1
        )
    return Lot(ids=ids, jeton=reel)


def _reserver_lot(*, maintenant, taille: int) -> Lot | None:
    """Passe un lot « en cours » ; un lot dont le bail a expiré est repris."""
    repris = Q(statut=StatutEnvoi.EN_COURS, reserve_le__lt=timezone.now() - bail())
    # Une ligne n'est réservée qu'une fois due : « à envoyer » suffit.
    dus = Q(statut=StatutEnvoi.A_ENVOYER)
    return _reserver(Envoi.objects.filter(dus | repris), maintenant=maintenant, taille=taille)


def _supprimees(envois: list[Envoi]) -> set[str]:
    """Adresses de la liste de suppression parmi les destinataires d'e-mails non
    transactionnels du lot (une requête)."""
    adresses = {
        e.email for e in envois if not getattr(registre.GENRES.get(e.genre), "transactionnel", True)
    }
    if not adresses:
        return set()
    return set(
        Suppression.objects.annotate(e=Lower("email"))
        .filter(e__in=adresses)
        .values_list("e", flat=True)
    )


def envoyer_lot(lot: Lot) -> int:
    """Envoie un lot réservé sur une seule connexion SMTP ; renvoie le nombre envoyé.

    Chaque ligne n'est validée que si ce lot la détient encore (même jeton) : si le bail a
    été repris par un autre worker, le message en cours est abandonné avant son « . » final.
    Passé la moitié du bail, le reste du lot est rendu pour un prochain passage.
    """
    envois = list(
        Envoi.objects.filter(
            id__in=lot.ids, statut=StatutEnvoi.EN_COURS, reserve_le=lot.jeton
        ).order_by("id")
    )
    mien = Envoi.objects.filter(statut=StatutEnvoi.EN_COURS, reserve_le=lot.jeton)
    prepares = {}
    for code in {e.genre for e in envois}:
        if code in registre.GENRES:
            prepares[code] = registre.GENRES[code].preparer([e for e in envois if e.genre == code])
    supprimees = _supprimees(envois)
    limite = time.monotonic() + bail().total_seconds() / 2
    envoyes = 0
    with get_connection() as smtp:
        for rang, envoi in enumerate(envois):
            # Au moins une ligne par lot : chaque passage avance, même avec un bail très court.
            if rang and time.monotonic() > limite:
                # Rendu sans avoir été tenté : la réservation ne compte pas comme une
                # tentative (sinon, sur une machine lente, la fin d'un grand lot serait
                # notée « échec » à force d'être rendue).
                mien.filter(id__in=lot.ids).update(
                    statut=StatutEnvoi.A_ENVOYER, tentatives=F("tentatives") - 1
                )
                break
            genre = registre.GENRES.get(envoi.genre)
            if genre is None:
                mien.filter(pk=envoi.pk).update(
                    statut=StatutEnvoi.ECHEC, erreur=f"Genre inconnu : {envoi.genre}"
                )
                continue
            if envoi.email in supprimees:
                mien.filter(pk=envoi.pk).update(statut=StatutEnvoi.ABANDONNE)
                continue
            try:
                message = genre.composer(envoi, prepares.get(envoi.genre), smtp)
            except registre.Abandonne:
                mien.filter(pk=envoi.pk).update(statut=StatutEnvoi.ABANDONNE)
                continue
            except registre.Perime:
                mien.filter(pk=envoi.pk).update(statut=StatutEnvoi.PERIME)
                continue
            except Exception as exc:
                # Un gabarit cassé ne se réparera pas seul : visible de l'équipe, pas réessayé.
                logger.exception("Envoi %s impossible à composer", envoi.pk)
                mien.filter(pk=envoi.pk).update(
                    statut=StatutEnvoi.ECHEC, erreur=f"{type(exc).__name__}: {exc}"[:2000]
                )
                continue

            def valider(pk=envoi.pk) -> bool:
                envoye = {"statut": StatutEnvoi.ENVOYE, "envoye_le": timezone.now(), "erreur": ""}
                return mien.filter(pk=pk).update(**envoye) == 1

            try:
                if transmission.transmissible(smtp):
                    # Validé juste avant le « . » final : voir envois/smtp.py.
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
                Envoi.objects.filter(pk=envoi.pk).update(
                    statut=StatutEnvoi.ABANDONNE, erreur=str(exc)[:2000]
                )
                continue
            except Exception as exc:
                # Serveur injoignable : la ligne reste « en cours » et sera reprise après le
                # bail (au plus TENTATIVES_MAX fois) ; l'erreur reste visible en administration.
                Envoi.objects.filter(pk=envoi.pk).update(
                    erreur=f"{type(exc).__name__}: {exc}"[:2000]
                )
                raise
            envoyes += 1
    return envoyes


def envoyer_dus(*, maintenant=None, taille_lot: int = TAILLE_LOT) -> int:
    """Envoie tout ce qui est dû, lot par lot ; renvoie le nombre de messages envoyés."""
    maintenant = maintenant or timezone.now()
    total = 0
    while lot := _reserver_lot(maintenant=maintenant, taille=taille_lot):
        total += envoyer_lot(lot)
    return total


def envoyer_un(*, envoi_id: int) -> int:
    """Envoie une ligne précise si elle est encore à envoyer (tâche lancée après le commit)."""
    maintenant = timezone.now()
    qs = Envoi.objects.filter(pk=envoi_id, statut=StatutEnvoi.A_ENVOYER)
    lot = _reserver(qs, maintenant=maintenant, taille=1)
    return envoyer_lot(lot) if lot else 0


def planifier(*, maintenant=None) -> dict[str, int]:
    """Demande à chaque planificateur enregistré ce qui est dû ; bilan additionné."""
    maintenant = maintenant or timezone.now()
    bilan: dict[str, int] = {}
    for planificateur in registre.PLANIFICATEURS:
        for cle, nombre in planificateur(maintenant).items():
            bilan[cle] = bilan.get(cle, 0) + nombre
    return bilan


def traiter(*, maintenant=None, taille_lot: int = TAILLE_LOT) -> dict:
    """Ce que fait le beat : planifier puis envoyer."""
    maintenant = maintenant or timezone.now()
    bilan = planifier(maintenant=maintenant)
    envoyes = envoyer_dus(maintenant=maintenant, taille_lot=taille_lot)
    return {
        "reserves": bilan.get(StatutEnvoi.A_ENVOYER, 0),
        "manques": bilan.get(StatutEnvoi.MANQUE, 0),
        "envoyes": envoyes,
    }
