"""Planificateur des rappels des sessions (J-1, H-1, changement de date, annulation),
enregistré dans la boîte d'envoi (``envois``).

Le beat appelle ``envois.services.traiter`` ; :func:`planifier` réserve une ligne ``Envoi``
par inscrit confirmé pour chaque envoi devenu dû (``INSERT … ON CONFLICT DO NOTHING``) : un
deuxième beat ne crée aucun doublon. Les formats dont l'application envoie ses propres
rappels (les webinaires, avec les délais de leur cycle) sont laissés à celle-ci, qui réutilise
:func:`reserver_inscrits` et :func:`statut_a_reserver`.
"""

from collections.abc import Callable
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from envois import registre as envois_registre
from envois import services as envois
from envois.enums import StatutEnvoi
from envois.models import Envoi

from . import registre
from .enums import StatutInscription, StatutSession
from .mails import ANNULATION, HEURE, MODIFICATION, RAPPELS, VEILLE, genre_rappel
from .models import Inscription, Session

# Au-delà, on ne note même plus les envois manqués (premier déploiement, vieilles sessions).
RETROSPECTIVE = timedelta(days=31)
DELAIS = {VEILLE: timedelta(days=1), HEURE: timedelta(hours=1)}


def moment(session: Session, type_rappel: str):
    """Quand un envoi devient dû ; ``None`` s'il ne l'est pas."""
    if type_rappel == ANNULATION:
        return session.annule_le if session.statut == StatutSession.ANNULE else None
    if session.statut != StatutSession.PUBLIE:
        return None
    if type_rappel == MODIFICATION:
        return session.dates_modifiees_le
    return session.debut - DELAIS[type_rappel]


def statut_a_reserver(
    *, genre: str, objet_id: int, du_le, maintenant, session_commencee: bool
) -> str | None:
    """Le statut des lignes à réserver pour un envoi dû à ``du_le`` : « à envoyer », ou
    « manqué » s'il est trop tard (hors fenêtre de rattrapage, ou session commencée sauf
    ``session_commencee``) et que rien n'a encore été réservé ; ``None`` : rien à faire."""
    recent = maintenant - RETROSPECTIVE
    if du_le is None or du_le > maintenant or du_le < recent:
        return None
    if du_le >= maintenant - envois.fenetre() and not session_commencee:
        return StatutEnvoi.A_ENVOYER
    deja = Envoi.objects.filter(genre=genre, objet_id=objet_id, du_le=du_le).exists()
    return None if deja else StatutEnvoi.MANQUE


def reserver_inscrits(*, session_id: int, genre: str, objet_id: int, du_le, statut: str) -> int:
    """Une ligne par inscrit confirmé avant ``du_le`` ; les lignes existantes sont gardées."""
    return envois.reserver_en_masse(
        genre=genre,
        objet_id=objet_id,
        du_le=du_le,
        table=Inscription._meta.db_table,
        filtre="s.session_id = %s AND s.statut = %s AND s.confirmee_le <= %s",
        valeurs=[session_id, StatutInscription.CONFIRMEE, du_le],
        statut=statut,
    )


def reserver_dus(
    *,
    objets,
    types,
    maintenant,
    moment: Callable,
    genre: Callable[[str], str],
    commencee: Callable,
    reserver: Callable,
) -> dict[str, int]:
    """Pour chaque objet (session, webinaire) et chaque type d'envoi : le moment dû
    (``moment(objet, type)``), le statut à réserver (:func:`statut_a_reserver`), puis la
    réservation (``reserver(objet, type, du_le, statut)``). Renvoie le bilan par statut."""
    bilan = {StatutEnvoi.A_ENVOYER: 0, StatutEnvoi.MANQUE: 0}
    for objet in objets:
        for type_envoi in types:
            du_le = moment(objet, type_envoi)
            statut = statut_a_reserver(
                genre=genre(type_envoi),
                objet_id=objet.pk,
                du_le=du_le,
                maintenant=maintenant,
                session_commencee=commencee(objet, type_envoi),
            )
            if statut is not None:
                bilan[statut] += reserver(objet, type_envoi, du_le, statut)
    return bilan


@envois_registre.planificateur
def planifier(maintenant=None) -> dict[str, int]:
    """Réserve les rappels devenus dus ; renvoie le nombre de lignes créées par statut."""
    maintenant = maintenant or timezone.now()
    recent = maintenant - RETROSPECTIVE
    candidates = (
        Session.objects.filter(statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE])
        .exclude(format__slug__in=registre.formats_aux_rappels_propres())
        .filter(
            Q(debut__gte=recent, debut__lte=maintenant + timedelta(days=2))
            | Q(dates_modifiees_le__gte=recent)
            | Q(annule_le__gte=recent)
        )
    )
    return reserver_dus(
        objets=candidates,
        types=list(RAPPELS),
        maintenant=maintenant,
        moment=moment,
        genre=genre_rappel,
        commencee=lambda session, _type: session.debut <= maintenant,
        reserver=lambda session, type_rappel, du_le, statut: reserver_inscrits(
            session_id=session.pk,
            genre=genre_rappel(type_rappel),
            objet_id=session.pk,
            du_le=du_le,
            statut=statut,
        ),
    )
