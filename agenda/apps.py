from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda : sessions et inscriptions")

    def ready(self):
        # E-mails d'inscription et rappels des sessions (boîte d'envoi), « Mes inscriptions »,
        # sessions à venir sur la page d'un format, index de recherche, tableau de bord,
        # RGPD, attribution au relais de la visite, démonstration.
        from . import (  # noqa: F401
            attribution,
            demo,
            mails,
            pilotage,
            rappels,
            recherche,
            rgpd,
            sections,
        )
