"""Planificateur des envois des webinaires (annonce, rappels J-1 et H-1, replay, changement
de date, annulation), enregistré dans la boîte d'envoi (``envois``).

Le beat appelle ``envois.services.traiter`` toutes les quelques minutes ; rien n'est
programmé à l'avance. :func:`planifier` demande à la base ce qui est dû à ``maintenant`` et
*réserve* une ligne ``Envoi`` par destinataire (``INSERT … SELECT … ON CONFLICT DO NOTHING``
sous la contrainte unique (destinataire, genre, webinaire, moment dû)) : un deuxième beat ou
une reprise ne crée jamais de doublon. Ce qui est dû depuis plus longtemps que la fenêtre de
rattrapage est noté « manqué ». Une personne inscrite après le moment d'un rappel n'est pas
retenue. L'envoi lui-même (lots, bail, validation avant le « . » final) est celui de
``envois``.

Quand l'équipe déplace une date ou annule un webinaire, l'administration note le moment
(``dates_modifiees_le``, ``annule_le``) : le message « changement de date » ou « annulation »
devient dû pour les inscrits confirmés. Les rappels suivent la nouvelle date (l'unicité porte
aussi sur le moment dû) ; ceux de l'ancienne encore en attente sont notés « périmé » à
l'envoi.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from agenda.enums import StatutSession
from agenda.rappels import RETROSPECTIVE, reserver_dus, reserver_inscrits
from envois import listes, registre
from envois import services as envois
from envois.enums import StatutAbonnement
from envois.models import Abonnement

from .enums import TypeEnvoi
from .mails import LISTE_ANNONCES, genre_de
from .models import Webinaire


def moment(webinaire: Webinaire, type_envoi: str):
    """Quand un envoi devient dû ; ``None`` s'il ne l'est pas (pas de replay, pas de
    changement de date, webinaire annulé pour les rappels ou publié pour l'annulation)."""
    if type_envoi == TypeEnvoi.ANNULATION:
        return webinaire.annule_le if webinaire.statut == StatutSession.ANNULE else None
    if webinaire.statut != StatutSession.PUBLIE:
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


def _reserver(*, webinaire: Webinaire, type_envoi: str, du_le, statut: str) -> int:
    """Réserve une ligne par destinataire retenu ; les lignes existantes sont conservées.
    Annonce : les abonnés confirmés ; sinon, les inscrits confirmés de la session."""
    if type_envoi != TypeEnvoi.ANNONCE:
        return reserver_inscrits(
            session_id=webinaire.session_id,
            genre=genre_de(type_envoi),
            objet_id=webinaire.pk,
            du_le=du_le,
            statut=statut,
        )
    return envois.reserver_en_masse(
        genre=genre_de(type_envoi),
        objet_id=webinaire.pk,
        du_le=du_le,
        table=Abonnement._meta.db_table,
        filtre="s.liste_id = %s AND s.statut = %s AND s.confirme_le <= %s",
        valeurs=[listes.liste_par_code(LISTE_ANNONCES).pk, StatutAbonnement.CONFIRME, du_le],
        statut=statut,
    )


@registre.planificateur
def planifier(maintenant=None) -> dict[str, int]:
    """Réserve les envois devenus dus ; renvoie le nombre de lignes créées par statut."""
    maintenant = maintenant or timezone.now()
    horizon = maintenant + timedelta(days=62)
    recent = maintenant - RETROSPECTIVE
    candidats = Webinaire.objects.filter(
        session__statut__in=[StatutSession.PUBLIE, StatutSession.ANNULE]
    ).filter(
        Q(session__debut__gte=recent, session__debut__lte=horizon)
        | Q(replay_publie_le__gte=recent)
        | Q(session__dates_modifiees_le__gte=recent)
        | Q(session__annule_le__gte=recent)
    )
    return reserver_dus(
        objets=candidats.select_related("cycle", "session"),
        types=list(TypeEnvoi),
        maintenant=maintenant,
        moment=moment,
        genre=genre_de,
        # Le replay part après le webinaire ; le reste, avant.
        commencee=lambda w, type_envoi: type_envoi != TypeEnvoi.REPLAY and w.debut <= maintenant,
        reserver=lambda w, type_envoi, du_le, statut: _reserver(
            webinaire=w, type_envoi=type_envoi, du_le=du_le, statut=statut
        ),
    )
