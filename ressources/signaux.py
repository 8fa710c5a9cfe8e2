"""Invalidation du raccourci de téléchargement des fiches quand leur contenu change.

Branché sur tous les enregistrements et suppressions, filtré par application : les fiches
sont tirées du contenu du programme, des ressources, des webinaires et des résultats de
diagnostic. Mieux vaut invalider trop (le chemin normal recalcule l'empreinte) que trop peu.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import services

APPLICATIONS = {"programme", "ressources", "webinaires"}
MODELES = {("autodiagnostic", "resultat")}
IGNORES = {("ressources", "fichepdf")}


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
    cle = (meta.app_label, meta.model_name)
    if cle in IGNORES:
        return
    if meta.app_label in APPLICATIONS or cle in MODELES:
        services.contenu_modifie()


def brancher() -> None:
    post_save.connect(_contenu_modifie, dispatch_uid="ressources_fiches_contenu_enregistre")
    post_delete.connect(_contenu_modifie, dispatch_uid="ressources_fiches_contenu_supprime")
    m2m_changed.connect(_contenu_modifie, dispatch_uid="ressources_fiches_contenu_relie")
