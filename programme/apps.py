from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme et organisations")

    def ready(self):
        # Enregistre le genre d'e-mail « invitation » dans la boîte d'envoi, et l'invalidation
        # des pages en cache quand le contenu change.
        from . import attribution, rgpd, services, signaux  # noqa: F401

        attribution.connecter()
