from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutodiagnosticConfig(AppConfig):
    name = "autodiagnostic"
    verbose_name = _("Autodiagnostic")

    def ready(self):
        # Enregistrent leurs points d'extension (dont l'e-mail du lien de reprise).
        from . import demo, espace, services  # noqa: F401
