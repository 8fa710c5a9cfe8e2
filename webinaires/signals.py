"""Toute modification du cycle de webinaires invalide les pages qui le montrent
(listes, pages des webinaires, pages intégrables, accueil…) ; une inscription, seulement les
pages des webinaires (« complet »). Voir :mod:`rameau.cache`. Un webinaire supprimé emporte
sa session d'agenda."""

from django.db.models.signals import post_delete

from agenda.models import Session
from rameau.cache import invalider_sur_modification

from .models import Webinaire

invalider_sur_modification(
    "webinaires",
    "webinaires.cycle",
    "webinaires.webinaire",
    "webinaires.sequence",
    "webinaires.intervenant",
    # Titre, date et statut d'un webinaire sont ceux de sa session d'agenda.
    "agenda.session",
)
invalider_sur_modification("inscriptions", "agenda.inscription")


def _supprimer_la_session(sender, instance, **kwargs):
    """Un webinaire supprimé emporte sa session d'agenda et ses inscriptions, comme avant."""
    Session.objects.filter(pk=instance.session_id).delete()


post_delete.connect(_supprimer_la_session, sender=Webinaire, dispatch_uid="webinaire-session")
