from django.db import models
from django.utils.translation import gettext_lazy as _

# Le format du contenu de référence dont les webinaires sont les sessions d'agenda.
FORMAT = "webinaires"


class Temps(models.TextChoices):
    """Les « 4 temps » de chaque webinaire, dans l'ordre du déroulé."""

    ECLAIRAGE = "eclairage", _("Éclairage")
    TEMOIGNAGE = "temoignage", _("Témoignage d'un acteur de terrain")
    QUESTIONS = "questions", _("Questions / réponses")
    RESSOURCES = "ressources", _("Ressources pour s'informer, se former et agir")


class TypeEnvoi(models.TextChoices):
    ANNONCE = "annonce", _("Annonce mensuelle aux abonnés")
    VEILLE = "veille", _("Rappel la veille")
    HEURE = "heure", _("Rappel une heure avant")
    REPLAY = "replay", _("Replay et ressources")
    MODIFICATION = "modification", _("Changement de date ou d'horaire")
    ANNULATION = "annulation", _("Annulation du webinaire")
