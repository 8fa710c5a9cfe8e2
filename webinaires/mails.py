"""Les e-mails des webinaires, déclarés à la boîte d'envoi (``envois``) : annonce aux
abonnés, rappels J-1 et H-1 (délais du cycle), replay, changement de date, annulation.
Chaque genre sait composer son message à partir d'une ligne ``Envoi``. La confirmation
d'inscription est celle de l'agenda (``agenda.mails``)."""

import copy
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from agenda import mails as mails_agenda
from agenda.enums import StatutInscription
from agenda.models import Inscription
from envois import listes, registre
from envois.enums import StatutAbonnement
from envois.models import Abonnement
from rameau import site
from rameau.mail import construire

from .enums import TypeEnvoi
from .models import Webinaire
from .presentation import fiche

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
SUJETS = {
    TypeEnvoi.ANNONCE: gettext_lazy("Prochain webinaire : %(titre)s"),
    TypeEnvoi.VEILLE: gettext_lazy("Demain : %(titre)s"),
    TypeEnvoi.HEURE: gettext_lazy("Dans une heure : %(titre)s"),
    TypeEnvoi.REPLAY: gettext_lazy("Replay et ressources : %(titre)s"),
    TypeEnvoi.MODIFICATION: gettext_lazy("Nouvelle date : %(titre)s"),
    TypeEnvoi.ANNULATION: gettext_lazy("Webinaire annulé : %(titre)s"),
}
# Liste de diffusion des annonces (créée par la migration de ``envois``).
LISTE_ANNONCES = "annonces-du-cycle"


def genre_de(type_envoi: str) -> str:
    """Code du genre d'envoi d'un rappel : ``webinaires.veille``…"""
    return f"webinaires.{type_envoi}"


# --- Annonces et rappels (planifiés) ------------------------------------------------------------

ANNULATION = "https://lien.invalid/annulation"
DESABONNEMENT = "https://lien.invalid/desabonnement"


@dataclass
class Lot:
    """Ce qu'un lot a chargé d'un coup : webinaires, inscriptions, abonnements, et les
    messages modèles rendus une fois par (webinaire, type)."""

    webinaires: dict[int, Webinaire]
    inscriptions: dict[int, Inscription]
    abonnements: dict[int, Abonnement]
    modeles: dict = field(default_factory=dict)


def _preparer_rappels(envois) -> Lot:
    annonces = {e.source_id for e in envois if e.genre == genre_de(TypeEnvoi.ANNONCE)}
    autres = {e.source_id for e in envois if e.genre != genre_de(TypeEnvoi.ANNONCE)}
    return Lot(
        webinaires=Webinaire.objects.select_related("cycle", "session__format").in_bulk(
            {e.objet_id for e in envois}
        ),
        inscriptions=Inscription.objects.in_bulk(autres),
        abonnements=Abonnement.objects.select_related("liste").in_bulk(annonces),
    )


def _modele(lot: Lot, webinaire: Webinaire, type_envoi: str, connexion):
    """Le gabarit est rendu une fois avec des liens fictifs ; chaque destinataire reçoit une
    copie où seuls l'adresse et ses liens personnels changent."""
    cle = (webinaire.pk, type_envoi)
    if cle not in lot.modeles:
        contexte = {
            "webinaire": webinaire,
            "lien_webinaire": site.url_absolue(webinaire.get_absolute_url()),
        }
        if type_envoi == TypeEnvoi.ANNONCE:
            contexte["lien_desabonnement"] = DESABONNEMENT
        elif type_envoi == TypeEnvoi.ANNULATION:
            contexte["lien_webinaires"] = site.url_absolue(reverse("webinaires:liste"))
        else:
            contexte["lien_annulation"] = ANNULATION
        pieces = []
        if type_envoi in AVEC_CALENDRIER:
            pieces.append(mails_agenda.piece_ics(webinaire.session, fiche(webinaire)))
        lot.modeles[cle] = construire(
            destinataire="modele@lien.invalid",
            sujet=str(SUJETS[type_envoi]) % {"titre": webinaire.titre},
            gabarit=GABARITS[type_envoi],
            contexte=contexte,
            pieces_jointes=pieces,
            connexion=connexion,
        )
    return lot.modeles[cle]


def _composer_rappel(type_envoi: str):
    def composer(envoi, lot: Lot, connexion):
        from .rappels import moment

        webinaire = lot.webinaires.get(envoi.objet_id)
        if webinaire is None:
            raise registre.Abandonne
        if moment(webinaire, type_envoi) != envoi.du_le:
            # Date déplacée ou webinaire annulé depuis la réservation : ce message
            # annoncerait un horaire faux ; les envois de la nouvelle date le remplacent.
            raise registre.Perime
        if type_envoi == TypeEnvoi.ANNONCE:
            abonnement = lot.abonnements.get(envoi.source_id)
            if abonnement is None or abonnement.statut != StatutAbonnement.CONFIRME:
                raise registre.Abandonne
            factice, lien = DESABONNEMENT, listes.lien_desabonnement(abonnement)
            en_tetes = listes.en_tetes_liste(abonnement)
        else:
            inscription = lot.inscriptions.get(envoi.source_id)
            if inscription is None or inscription.statut != StatutInscription.CONFIRMEE:
                raise registre.Abandonne
            factice, lien = ANNULATION, mails_agenda.lien_annulation(inscription)
            en_tetes = {}
        modele = _modele(lot, webinaire, type_envoi, connexion)
        message = copy.copy(modele)
        message.to = [envoi.email]
        message.extra_headers = en_tetes
        message.body = modele.body.replace(factice, lien)
        message.alternatives = []
        for contenu, type_mime in modele.alternatives:
            message.attach_alternative(contenu.replace(factice, lien), type_mime)
        return message

    return composer


for _type in TypeEnvoi:
    registre.genre(
        code=genre_de(_type),
        libelle=format_lazy(gettext_lazy("Webinaire : {type}"), type=_type.label),
        composer=_composer_rappel(_type),
        preparer=_preparer_rappels,
        # Annonces aux abonnés : e-mails de liste (pas envoyés aux adresses supprimées).
        transactionnel=_type != TypeEnvoi.ANNONCE,
    )
