from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutodiagnosticConfig(AppConfig):
    name = "autodiagnostic"
    verbose_name = _("Autodiagnostic")
