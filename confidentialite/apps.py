from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfidentialiteConfig(AppConfig):
    name = "confidentialite"
    verbose_name = _("Confidentialité (RGPD)")

    def ready(self):
        # Genres d'e-mails (lien de confirmation, archive prête) et bloc « Mes données » de
        # Mon espace.
        from . import espace, mails  # noqa: F401
