from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormationsConfig(AppConfig):
    name = "formations"
    verbose_name = _("Formations (pilier 3, avec l'AFF)")

    def ready(self):
        # Présentation des sessions dans l'agenda, e-mails et planificateur (boîte d'envoi),
        # « Mes attestations » et page du format, index de recherche, démonstration, émission
        # des attestations après une présence notée, invalidation du cache, tableau de bord
        # de l'équipe et RGPD.
        from . import (  # noqa: F401
            demo,
            mails,
            pilotage,
            presentation,
            recherche,
            rgpd,
            sections,
            signaux,
        )
