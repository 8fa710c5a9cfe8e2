"""Les e-mails du pilier 3, déclarés à la boîte d'envoi : l'attestation de présence et le
certificat d'aptitude (un lien vers la page de vérification, le PDF et le badge)."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envois import registre as envois_registre
from rameau import site
from rameau.mail import construire

from .enums import GENRE_ATTESTATION, GENRE_CERTIFICAT, Nature
from .models import Attestation


def _preparer(envois) -> dict[int, Attestation]:
    return Attestation.objects.select_related("module", "certificat").in_bulk(
        [e.objet_id for e in envois]
    )


def _composer(envoi, attestations, connexion):
    attestation = attestations.get(envoi.objet_id)
    if attestation is None or not attestation.valide:
        raise envois_registre.Abandonne
    certificat = attestation.nature == Nature.CERTIFICAT
    sujet = (
        _("Votre certificat d'aptitude : %(titre)s")
        if certificat
        else _("Votre attestation de présence : %(titre)s")
    ) % {"titre": attestation.intitule}
    return construire(
        destinataire=envoi.email,
        sujet=sujet,
        gabarit="formations/emails/attestation",
        contexte={
            "attestation": attestation,
            "certificat": certificat,
            "lien_verification": site.url_absolue(attestation.get_absolute_url()),
            "lien_pdf": site.url_absolue(attestation.url_pdf),
            "lien_badge": site.url_absolue(attestation.url_badge),
        },
        connexion=connexion,
    )


envois_registre.genre(
    code=GENRE_ATTESTATION,
    libelle=gettext_lazy("Formations : attestation de présence"),
    composer=_composer,
    preparer=_preparer,
    fenetre=timedelta(days=30),
)
envois_registre.genre(
    code=GENRE_CERTIFICAT,
    libelle=gettext_lazy("Formations : certificat d'aptitude"),
    composer=_composer,
    preparer=_preparer,
    fenetre=timedelta(days=30),
)
