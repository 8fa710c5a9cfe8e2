"""Les e-mails des demandes RGPD, déclarés à la boîte d'envoi (``envois``)."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envois import registre
from rameau import mail, site

from . import services
from .enums import ObjetDemande, StatutDemande
from .models import DemandeDonnees


def _preparer(envois):
    return DemandeDonnees.objects.in_bulk([e.objet_id for e in envois])


def _composer_confirmation(envoi, demandes, connexion):
    demande = demandes.get(envoi.objet_id)
    if demande is None or demande.statut != StatutDemande.A_CONFIRMER:
        raise registre.Abandonne
    lien = reverse(
        "confidentialite:confirmer",
        args=[services.lien_signe(demande, sel=services.SEL_CONFIRMATION)],
    )
    effacement = demande.objet == ObjetDemande.EFFACEMENT
    return mail.construire(
        destinataire=demande.email,
        sujet=_("Confirmez l'effacement de vos données")
        if effacement
        else _("Confirmez votre demande de copie de vos données"),
        gabarit="confidentialite/emails/confirmation",
        contexte={
            "demande": demande,
            "effacement": effacement,
            "lien": site.url_absolue(lien),
            "heures": int(services.duree_confirmation().total_seconds() // 3600),
        },
        connexion=connexion,
    )


def _composer_archive(envoi, demandes, connexion):
    demande = demandes.get(envoi.objet_id)
    if demande is None or demande.statut != StatutDemande.PRETE:
        raise registre.Abandonne
    lien = reverse(
        "confidentialite:archive", args=[services.lien_signe(demande, sel=services.SEL_ARCHIVE)]
    )
    return mail.construire(
        destinataire=demande.email,
        sujet=_("Vos données sont prêtes"),
        gabarit="confidentialite/emails/archive",
        contexte={
            "lien": site.url_absolue(lien),
            "jours": services.duree_archive().days,
        },
        connexion=connexion,
    )


registre.genre(
    code=services.GENRE_CONFIRMATION,
    libelle=gettext_lazy("RGPD : confirmation d'une demande"),
    composer=_composer_confirmation,
    preparer=_preparer,
    fenetre=timedelta(hours=24),
)
registre.genre(
    code=services.GENRE_ARCHIVE,
    libelle=gettext_lazy("RGPD : archive des données prête"),
    composer=_composer_archive,
    preparer=_preparer,
    fenetre=timedelta(days=7),
)
