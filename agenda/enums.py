from django.db import models
from django.utils.translation import gettext_lazy as _


class StatutSession(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    PUBLIE = "publie", _("Publié")
    ANNULE = "annule", _("Annulé")


class StatutInscription(models.TextChoices):
    CONFIRMEE = "confirmee", _("Confirmée")
    ATTENTE = "attente", _("Liste d'attente")
    ANNULEE = "annulee", _("Annulée")
