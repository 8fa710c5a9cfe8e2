from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinairesConfig(AppConfig):
    name = "webinaires"
    verbose_name = _("Webinaires")

    def ready(self):
        # Enregistrent le bloc d'accueil, la démo, l'invalidation du cache, la présentation des
        # sessions de webinaires dans l'agenda, l'index de recherche, et les e-mails et le
        # planificateur des rappels dans la boîte d'envoi.
        from . import demo, mails, presentation, rappels, recherche, sections, signals  # noqa: F401
