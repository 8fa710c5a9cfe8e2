from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reindexer_apres_migration(sender, using="default", **kwargs):
    """Après ``migrate`` (contenu de référence chargé par les migrations), l'index reflète la
    base : les migrations écrivent avec des modèles historiques, que l'index ne suit pas."""
    from django.db import connections

    from . import recherche
    from .models import DocumentRecherche

    if DocumentRecherche._meta.db_table in connections[using].introspection.table_names():
        recherche.reindexer()


class RessourcesConfig(AppConfig):
    name = "ressources"
    verbose_name = _("Ressources")

    def ready(self):
        from . import demo, demo_travaux, indexeurs, recherche, sections, signaux  # noqa: F401

        signaux.brancher()
        recherche.brancher()
        post_migrate.connect(
            _reindexer_apres_migration, sender=self, dispatch_uid="ressources_reindexer"
        )
