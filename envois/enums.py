from django.db import models
from django.utils.translation import gettext_lazy as _


class StatutEnvoi(models.TextChoices):
    A_ENVOYER = "a_envoyer", _("Réservé, à envoyer")
    EN_COURS = "en_cours", _("En cours d'envoi")
    ENVOYE = "envoye", _("Envoyé")
    MANQUE = "manque", _("Manqué (hors fenêtre de rattrapage)")
    ABANDONNE = "abandonne", _("Abandonné (destinataire désinscrit ou refusé)")
    PERIME = "perime", _("Périmé (contenu changé avant l'envoi)")
    ECHEC = "echec", _("Échec (erreur à l'envoi, tentatives épuisées)")


class StatutAbonnement(models.TextChoices):
    EN_ATTENTE = "en_attente", _("En attente de confirmation")
    CONFIRME = "confirme", _("Confirmé")
    DESABONNE = "desabonne", _("Désabonné")


class MotifSuppression(models.TextChoices):
    DESABONNEMENT = "desabonnement", _("Désabonné de tout")
    REBOND = "rebond", _("Adresse invalide (rebond définitif)")
    PLAINTE = "plainte", _("Signalé comme indésirable")
    EQUIPE = "equipe", _("Retiré par l'équipe")
