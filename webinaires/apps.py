from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinairesConfig(AppConfig):
    name = "webinaires"
    verbose_name = _("Webinaires")

    def ready(self):
        # Enregistrent les blocs d'accueil / « Mon espace », la démo, l'invalidation du cache,
        # et les e-mails et le planificateur des rappels dans la boîte d'envoi.
        from . import demo, mails, rappels, recherche, sections, signals  # noqa: F401
