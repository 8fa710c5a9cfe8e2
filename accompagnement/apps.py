from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompagnementConfig(AppConfig):
    name = "accompagnement"
    verbose_name = _("Accompagnement : ateliers, co-développement, parcours")

    def ready(self):
        # Pages des sessions des trois formats (agenda), « Mes parcours » (Mon espace),
        # démonstration.
        from . import demo, espace, presentation  # noqa: F401
