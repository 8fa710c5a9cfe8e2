"""Limites des e-mails vers une adresse tapée par un visiteur : par IP et par adresse.

Sans elles, une seule personne pourrait faire écrire la plateforme à n'importe qui (vingt-cinq
inscriptions en trois secondes, dix demandes d'abonnement pour l'adresse d'un tiers). Les
compteurs vivent dans le cache partagé, par le mécanisme de limites d'allauth (mêmes règles de
proxy de confiance que la connexion) ; les taux sont dans ``ACCOUNT_RATE_LIMITS`` (réglages).
"""

from allauth.core import ratelimit
from django.utils.translation import gettext_lazy as _

INSCRIPTION = "rameau_inscription"
ABONNEMENT = "rameau_abonnement"
LIEN_REPRISE = "rameau_lien_reprise"
INVITATION = "rameau_invitation"
DONNEES = "rameau_donnees"

MESSAGE = _(
    "Trop de demandes pour cette adresse ou depuis votre connexion. Réessayez dans quelques "
    "minutes : rien n'a été envoyé."
)
STATUT = 429


def autorise(request, *, action: str, email: str) -> bool:
    """Compte une demande d'envoi vers ``email`` ; faux si une limite est atteinte."""
    return ratelimit.consume(request, action=action, key=email.strip().lower())
