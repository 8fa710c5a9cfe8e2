from django.db import models
from django.utils.translation import gettext_lazy as _

# Le format d'agenda des sessions datées des modules de niveau 3 (``programme.Format``).
FORMAT = "formations-aff"
# Les sessions dont la présence vaut une attestation : les modules de formation AFF, et les
# ateliers, sessions de co-développement et étapes de parcours du transfert de savoir-faire.
FORMATS_ATTESTES = (FORMAT, "ateliers", "co-developpement", "parcours")

# Genres d'e-mails de la boîte d'envoi (``envois``).
GENRE_ATTESTATION = "formations.attestation"
GENRE_CERTIFICAT = "formations.certificat"


class Niveau(models.IntegerChoices):
    """Les niveaux du programme de formation (pilier 3)."""

    PLATEFORME = 1, _("Niveau 1 — plateforme « l'innovation territoriale en actions ! »")
    MOOC = 2, _("Niveau 2 — MOOC « Les nouveaux modèles économiques associatifs »")
    MODULE_AFF = 3, _("Niveau 3 — modules de formation AFF")
    CERTIFICAT = 4, _("Certificat d'aptitude")
    DIPLOME = 5, _("Diplôme universitaire")


class PublicFormation(models.TextChoices):
    """À qui s'adresse un module : les responsables des ressources côté organisations
    bénéficiaires (fundraisers) ou côté organisations partenaires (grantmakers)."""

    FUNDRAISERS = "fundraisers", _("Fundraisers (organisations bénéficiaires)")
    GRANTMAKERS = "grantmakers", _("Grantmakers (organisations partenaires)")
    TOUS = "tous", _("Fundraisers et grantmakers")


class Nature(models.TextChoices):
    PRESENCE = "presence", _("Attestation de présence")
    CERTIFICAT = "certificat", _("Certificat d'aptitude")
