from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutodiagnosticConfig(AppConfig):
    name = "autodiagnostic"
    verbose_name = _("Autodiagnostic")

    def ready(self):
        # Points d'extension (dont l'e-mail du lien de reprise) et invalidation des pages en
        # cache quand la référence change.
        from . import (  # noqa: F401
            attribution,
            comptes,
            demo,
            espace,
            pilotage,
            rgpd,
            services,
            signaux,
        )
