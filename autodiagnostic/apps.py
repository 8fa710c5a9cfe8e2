from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutodiagnosticConfig(AppConfig):
    name = "autodiagnostic"
    verbose_name = _("Autodiagnostic")

    def ready(self):
        from . import demo, espace  # noqa: F401  (enregistrent leurs points d'extension)
