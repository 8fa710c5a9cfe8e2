from django.db import models
from django.utils.translation import gettext_lazy as _


class ObjetDemande(models.TextChoices):
    EXPORT = "export", _("Recevoir une copie de mes données")
    EFFACEMENT = "effacement", _("Effacer mes données")


class StatutDemande(models.TextChoices):
    A_CONFIRMER = "a_confirmer", _("À confirmer (lien envoyé)")
    EN_PREPARATION = "en_preparation", _("Archive en préparation")
    PRETE = "prete", _("Archive prête")
    EFFECTUEE = "effectuee", _("Effacement effectué")
    EXPIREE = "expiree", _("Expirée")
