from django.db import models
from django.utils.translation import gettext_lazy as _


class StatutWebinaire(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    PUBLIE = "publie", _("Publié")
    ANNULE = "annule", _("Annulé")


class Temps(models.TextChoices):
    """Les « 4 temps » de chaque webinaire, dans l'ordre du déroulé."""

    ECLAIRAGE = "eclairage", _("Éclairage")
    TEMOIGNAGE = "temoignage", _("Témoignage d'un acteur de terrain")
    QUESTIONS = "questions", _("Questions / réponses")
    RESSOURCES = "ressources", _("Ressources pour s'informer, se former et agir")


class Profil(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    TETE_DE_RESEAU = "tete_de_reseau", _("Tête de réseau")
    TERRITOIRE = "territoire", _("Territoire / collectivité")
    FINANCEUR = "financeur", _("Financeur (fondation, entreprise, investisseur sociétal)")
    ACCOMPAGNATEUR = "accompagnateur", _("Accompagnateur")
    CHERCHEUR = "chercheur", _("Chercheur / enseignant")


class StatutInscription(models.TextChoices):
    CONFIRMEE = "confirmee", _("Confirmée")
    ATTENTE = "attente", _("Liste d'attente")
    ANNULEE = "annulee", _("Annulée")


class TypeEnvoi(models.TextChoices):
    ANNONCE = "annonce", _("Annonce mensuelle aux abonnés")
    VEILLE = "veille", _("Rappel la veille")
    HEURE = "heure", _("Rappel une heure avant")
    REPLAY = "replay", _("Replay et ressources")
    MODIFICATION = "modification", _("Changement de date ou d'horaire")
    ANNULATION = "annulation", _("Annulation du webinaire")
