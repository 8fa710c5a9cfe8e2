from django.db import models
from django.utils.translation import gettext_lazy as _


class GenreCanal(models.TextChoices):
    NEWSLETTER = "newsletter", _("Lettre d'information")
    EVENEMENT = "event", _("Événement")
    PLATEFORME = "platform", _("Plateforme")
    SITE = "site", _("Site")


class StatutNumero(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    PROGRAMME = "programme", _("Envoi programmé")
    ENVOYE = "envoye", _("Envoyé")
