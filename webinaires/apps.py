from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinairesConfig(AppConfig):
    name = "webinaires"
    verbose_name = _("Webinaires")

    def ready(self):
        # Enregistrent les blocs d'accueil / « Mon espace », la démo et l'invalidation du cache.
        from . import demo, sections, signals  # noqa: F401
