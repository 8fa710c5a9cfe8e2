from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelaisConfig(AppConfig):
    name = "relais"
    verbose_name = _("Relais : canaux, kits, impact et lettre du programme")

    def ready(self):
        # Genres d'e-mails et planificateurs (kit mensuel, numéros de la lettre), numéros à
        # relayer, rebonds signalés par le prestataire d'envoi, démonstration, cache, tableau
        # de bord de l'équipe.
        from . import demo, kits, mails, pilotage, rebonds, recherche, signaux  # noqa: F401
