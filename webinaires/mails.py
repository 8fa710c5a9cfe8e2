"""Construction des e-mails des webinaires (via le service commun ``rameau.mail``)."""

import copy

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rameau import site
from rameau.mail import construire

from . import ical
from .enums import StatutInscription, TypeEnvoi
from .models import Abonnement, Envoi, Inscription

GABARITS = {
    TypeEnvoi.ANNONCE: "webinaires/emails/annonce",
    TypeEnvoi.VEILLE: "webinaires/emails/rappel_veille",
    TypeEnvoi.HEURE: "webinaires/emails/rappel_heure",
    TypeEnvoi.REPLAY: "webinaires/emails/replay",
    TypeEnvoi.MODIFICATION: "webinaires/emails/modification",
    TypeEnvoi.ANNULATION: "webinaires/emails/annulation",
}
# Ces messages joignent le fichier iCalendar à jour (même UID, SEQUENCE incrémentée) pour
# que l'agenda de l'inscrit suive le changement.
AVEC_CALENDRIER = {TypeEnvoi.MODIFICATION, TypeEnvoi.ANNULATION}


def _absolu(chemin: str) -> str:
    return site.url_absolue(chemin)


def lien_annulation(inscription: Inscription) -> str:
    return _absolu(reverse("webinaires:inscription", args=[inscription.jeton]))


def lien_desabonnement(abonnement: Abonnement) -> str:
    return _absolu(reverse("webinaires:desabonner", args=[abonnement.jeton]))


def en_tetes_desabonnement(abonnement: Abonnement) -> dict:
    """RFC 2369 / RFC 8058 : désabonnement en un clic depuis la messagerie."""
    return {
        "List-Unsubscribe": f"<{lien_desabonnement(abonnement)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation_inscription(inscription: Inscription, *, connexion=None):
    webinaire = inscription.webinaire
    attente = inscription.statut == StatutInscription.ATTENTE
    sujet = (
        _("Liste d'attente : %(titre)s") if attente else _("Inscription confirmée : %(titre)s")
    ) % {"titre": webinaire.titre}
    pieces = []
    if not attente:
        contenu = ical.calendrier([webinaire], avec_lien_connexion=True)
        pieces.append(("webinaire.ics", contenu, "text/calendar"))
    return construire(
        destinataire=inscription.email,
        sujet=sujet,
        gabarit="webinaires/emails/inscription",
        contexte={
            "inscription": inscription,
            "webinaire": webinaire,
            "attente": attente,
            "lien_webinaire": _absolu(webinaire.get_absolute_url()),
            "lien_annulation": lien_annulation(inscription),
        },
        pieces_jointes=pieces,
        connexion=connexion,
    )


def demande_abonnement(abonnement: Abonnement, *, connexion=None):
    return construire(
        destinataire=abonnement.email,
        sujet=_("Confirmez votre abonnement au cycle de webinaires"),
        gabarit="webinaires/emails/abonnement",
        contexte={
            "abonnement": abonnement,
            "lien_confirmation": _absolu(
                reverse("webinaires:confirmer_abonnement", args=[abonnement.jeton])
            ),
        },
        connexion=connexion,
    )


SUJETS = {
    TypeEnvoi.ANNONCE: gettext_lazy("Prochain webinaire : %(titre)s"),
    TypeEnvoi.VEILLE: gettext_lazy("Demain : %(titre)s"),
    TypeEnvoi.HEURE: gettext_lazy("Dans une heure : %(titre)s"),
    TypeEnvoi.REPLAY: gettext_lazy("Replay et ressources : %(titre)s"),
    TypeEnvoi.MODIFICATION: gettext_lazy("Nouvelle date : %(titre)s"),
    TypeEnvoi.ANNULATION: gettext_lazy("Webinaire annulé : %(titre)s"),
}


ANNULATION = "https://lien.invalid/annulation"
DESABONNEMENT = "https://lien.invalid/desabonnement"


class Rappels:
    """Messages des envois dus d'un lot, rendus une fois par (webinaire, type).

    Le gabarit passe une fois par ``rameau.mail.construire`` avec des liens fictifs ; chaque
    destinataire reçoit une copie où seuls l'adresse et ses liens personnels changent.
    """

    def __init__(self, connexion=None):
        self.connexion = connexion
        self.modeles: dict = {}

    def _modele(self, envoi: Envoi):
        cle = (envoi.webinaire_id, envoi.type, bool(envoi.abonnement_id))
        if cle not in self.modeles:
            webinaire = envoi.webinaire
            contexte = {
                "webinaire": webinaire,
                "lien_webinaire": _absolu(webinaire.get_absolute_url()),
            }
            if envoi.abonnement_id:
                contexte["lien_desabonnement"] = DESABONNEMENT
            elif envoi.type == TypeEnvoi.ANNULATION:
                contexte["lien_webinaires"] = _absolu(reverse("webinaires:liste"))
            else:
                contexte["lien_annulation"] = ANNULATION
            pieces = []
            if envoi.type in AVEC_CALENDRIER:
                contenu = ical.calendrier([webinaire], avec_lien_connexion=True)
                pieces.append(("webinaire.ics", contenu, "text/calendar"))
            self.modeles[cle] = construire(
                destinataire=envoi.email,
                sujet=str(SUJETS[envoi.type]) % {"titre": webinaire.titre},
                gabarit=GABARITS[envoi.type],
                contexte=contexte,
                pieces_jointes=pieces,
                connexion=self.connexion,
            )
        return self.modeles[cle]

    def message(self, envoi: Envoi):
        modele = self._modele(envoi)
        if envoi.abonnement_id:
            factice, lien = DESABONNEMENT, lien_desabonnement(envoi.abonnement)
            en_tetes = en_tetes_desabonnement(envoi.abonnement)
        else:
            factice, lien = ANNULATION, lien_annulation(envoi.inscription)
            en_tetes = {}
        message = copy.copy(modele)
        message.to = [envoi.email]
        message.extra_headers = en_tetes
        message.body = modele.body.replace(factice, lien)
        message.alternatives = []
        for contenu, type_mime in modele.alternatives:
            message.attach_alternative(contenu.replace(factice, lien), type_mime)
        return message
