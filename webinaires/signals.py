"""Toute modification du contenu invalide les pages intégrables en cache ; un webinaire
supprimé emporte sa session d'agenda."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from agenda.models import Session
from programme.models import Partenaire

from . import embed
from .models import Cycle, Intervenant, Sequence, Webinaire


def _invalider(**kwargs):
    embed.invalider()


# Titre, date et statut d'un webinaire sont ceux de sa session d'agenda.
for modele in (Cycle, Webinaire, Session, Sequence, Intervenant, Partenaire):
    post_save.connect(_invalider, sender=modele, dispatch_uid=f"embed-save-{modele.__name__}")
    post_delete.connect(_invalider, sender=modele, dispatch_uid=f"embed-del-{modele.__name__}")


def _supprimer_la_session(sender, instance, **kwargs):
    """Un webinaire supprimé emporte sa session d'agenda et ses inscriptions, comme avant."""
    Session.objects.filter(pk=instance.session_id).delete()


post_delete.connect(_supprimer_la_session, sender=Webinaire, dispatch_uid="webinaire-session")
for relation in (Webinaire.partenaires.through, Sequence.intervenants.through):
    m2m_changed.connect(_invalider, sender=relation, dispatch_uid=f"embed-m2m-{relation.__name__}")
