"""Invalidation du raccourci de téléchargement des fiches quand leur contenu change.

Branché sur tous les enregistrements et suppressions, filtré par modèle (sans importer les
autres applications) : les fiches sont tirées de ces modèles-là. Mieux vaut invalider trop
(le chemin normal recalcule l'empreinte) que trop peu. Les mises à jour en masse
(``QuerySet.update``) n'émettent pas de signal : le raccourci expire de toute façon après
``services.DUREE_RACCOURCI`` secondes.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import services

MODELES = {
    ("programme", "levier"),
    ("programme", "modelesocioeconomique"),
    ("programme", "familleleviers"),
    ("programme", "format"),
    ("programme", "sessionformat"),
    ("ressources", "ressource"),
    ("webinaires", "webinaire"),
    ("autodiagnostic", "diagnostic"),
    ("autodiagnostic", "resultat"),
}


def _contenu_modifie(sender, **kwargs):
    # Pour m2m_changed, ``sender`` est la table intermédiaire : on regarde le modèle modifié.
    instance = kwargs.get("instance")
    if "action" in kwargs:
        if not kwargs["action"].startswith("post_"):
            return
        sender = type(instance)
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return
    if (meta.app_label, meta.model_name) in MODELES:
        services.contenu_modifie()


def brancher() -> None:
    post_save.connect(_contenu_modifie, dispatch_uid="ressources_fiches_contenu_enregistre")
    post_delete.connect(_contenu_modifie, dispatch_uid="ressources_fiches_contenu_supprime")
    m2m_changed.connect(_contenu_modifie, dispatch_uid="ressources_fiches_contenu_relie")
