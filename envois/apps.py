from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnvoisConfig(AppConfig):
    name = "envois"
    verbose_name = _("Envois d'e-mails")

    def ready(self):
        # Le genre « confirmation d'abonnement » appartient aux listes elles-mêmes.
        from . import listes, pilotage, rgpd  # noqa: F401
