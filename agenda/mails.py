"""Les e-mails de l'agenda, déclarés à la boîte d'envoi (``envois``) : confirmation
d'inscription ou liste d'attente (toutes les sessions), et rappels J-1 et H-1, changement de
date et annulation des sessions dont l'application n'envoie pas ses propres rappels."""

from datetime import timedelta

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envois import registre as envois_registre
from rameau import site
from rameau.mail import construire

from . import ical, registre
from .enums import StatutInscription
from .models import Inscription, Session
from .selectors import sessions_du_calendrier
from .services import GENRE_ATTENTE, GENRE_CONFIRMATION


def lien_annulation(inscription: Inscription) -> str:
    return site.url_absolue(reverse("agenda:inscription", args=[inscription.jeton]))


def piece_ics(
    session: Session, fiche: registre.Fiche, *, sessions: list[Session] | None = None
) -> tuple[str, bytes, str]:
    """Le fichier ``.ics`` joint (lien de connexion compris : l'e-mail va à un inscrit) ; pour
    un parcours, un VEVENT par étape (``sessions``, sinon lues ici)."""
    decrit = registre.de(session)
    if sessions is None:
        sessions = sessions_du_calendrier(session)
    contenu = ical.calendrier(sessions, avec_lien_visio=True)
    return (decrit.nom_ics if decrit else "rendez-vous.ics", contenu, "text/calendar")


# --- Confirmation d'inscription (transactionnel) ----------------------------------------------


def confirmation_inscription(inscription: Inscription, *, connexion=None):
    session = inscription.session
    fiche = registre.fiches([session])[session.pk]
    attente = inscription.statut == StatutInscription.ATTENTE
    sujet = (
        _("Liste d'attente : %(titre)s") if attente else _("Inscription confirmée : %(titre)s")
    ) % {"titre": session.titre}
    calendrier = sessions_du_calendrier(session)
    etapes = [s for s in calendrier if s.pk != session.pk]
    return construire(
        destinataire=inscription.email,
        sujet=sujet,
        gabarit="agenda/emails/inscription",
        contexte={
            "inscription": inscription,
            "session": session,
            "attente": attente,
            "etapes": etapes,
            "lien_session": site.url_absolue(fiche.url),
            "lien_annulation": lien_annulation(inscription),
        },
        pieces_jointes=[] if attente else [piece_ics(session, fiche, sessions=calendrier)],
        connexion=connexion,
    )


def _preparer_inscriptions(envois) -> dict[int, Inscription]:
    return Inscription.objects.select_related("session__format").in_bulk(
        [e.objet_id for e in envois]
    )


def _composer_inscription(statut_attendu: str):
    def composer(envoi, inscriptions, connexion):
        inscription = inscriptions.get(envoi.objet_id)
        # Annulée, ou passée de la liste d'attente à une place entre-temps : ce message
        # n'est plus vrai (la confirmation de place a sa propre ligne).
        if inscription is None or inscription.statut != statut_attendu:
            raise envois_registre.Abandonne
        return confirmation_inscription(inscription, connexion=connexion)

    return composer


envois_registre.genre(
    code=GENRE_CONFIRMATION,
    libelle=gettext_lazy("Agenda : inscription confirmée"),
    composer=_composer_inscription(StatutInscription.CONFIRMEE),
    preparer=_preparer_inscriptions,
    fenetre=timedelta(hours=48),
)
envois_registre.genre(
    code=GENRE_ATTENTE,
    libelle=gettext_lazy("Agenda : liste d'attente"),
    composer=_composer_inscription(StatutInscription.ATTENTE),
    preparer=_preparer_inscriptions,
    fenetre=timedelta(hours=48),
)


# --- Rappels des sessions (planifiés par ``agenda.rappels``) ----------------------------------

VEILLE, HEURE, MODIFICATION, ANNULATION = "veille", "heure", "modification", "annulation"
RAPPELS = {
    VEILLE: (gettext_lazy("Rappel la veille"), gettext_lazy("Demain : %(titre)s")),
    HEURE: (gettext_lazy("Rappel une heure avant"), gettext_lazy("Dans une heure : %(titre)s")),
    MODIFICATION: (
        gettext_lazy("Changement de date ou d'horaire"),
        gettext_lazy("Nouvelle date : %(titre)s"),
    ),
    ANNULATION: (gettext_lazy("Annulation"), gettext_lazy("Session annulée : %(titre)s")),
}


def genre_rappel(type_rappel: str) -> str:
    return f"agenda.{type_rappel}"


def _preparer_rappels(envois) -> tuple[dict[int, Session], dict[int, Inscription]]:
    sessions = Session.objects.select_related("format").in_bulk({e.objet_id for e in envois})
    return sessions, Inscription.objects.in_bulk({e.source_id for e in envois})


def _composer_rappel(type_rappel: str):
    def composer(envoi, prepare, connexion):
        from .rappels import moment

        sessions, inscriptions = prepare
        session = sessions.get(envoi.objet_id)
        inscription = inscriptions.get(envoi.source_id)
        if session is None or inscription is None:
            raise envois_registre.Abandonne
        if inscription.statut != StatutInscription.CONFIRMEE:
            raise envois_registre.Abandonne
        if moment(session, type_rappel) != envoi.du_le:
            # Date déplacée ou session annulée depuis la réservation : ce message annoncerait
            # un horaire faux ; les envois de la nouvelle date le remplacent.
            raise envois_registre.Perime
        fiche = registre.fiches([session])[session.pk]
        pieces = [piece_ics(session, fiche)] if type_rappel in (MODIFICATION, ANNULATION) else []
        return construire(
            destinataire=envoi.email,
            sujet=str(RAPPELS[type_rappel][1]) % {"titre": session.titre},
            gabarit="agenda/emails/rappel",
            contexte={
                "type": type_rappel,
                "session": session,
                "inscription": inscription,
                "lien_session": site.url_absolue(fiche.url),
                "lien_annulation": lien_annulation(inscription),
            },
            pieces_jointes=pieces,
            connexion=connexion,
        )

    return composer


for _type, (_libelle, _sujet) in RAPPELS.items():
    envois_registre.genre(
        code=genre_rappel(_type),
        libelle=format_lazy(gettext_lazy("Session : {type}"), type=_libelle),
        composer=_composer_rappel(_type),
        preparer=_preparer_rappels,
    )
