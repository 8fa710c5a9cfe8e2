"""Après une présence notée à une session de module (action d'administration de l'agenda,
vue des présences, fiche de présence), l'attestation part par une tâche Celery, après le
commit ; si le courtier est injoignable, le planificateur du beat la rattrape
(``services.attestations_rattraper``). Toute modification des modules invalide les pages
publiques qui les montrent (liste, modules, page du format)."""

import logging

from django.db import transaction
from django.db.models.signals import post_save

from agenda.models import Presence
from envois import registre as envois_registre
from rameau.cache import invalider_sur_modification

from . import services

logger = logging.getLogger(__name__)


def _apres_presence(sender, instance, **kwargs):
    if not instance.present:
        return
    presence_id = instance.pk

    def lancer():
        from .tasks import emettre_attestation

        try:
            emettre_attestation.delay(presence_id)
        except Exception:  # courtier injoignable : le beat rattrapera
            logger.warning(
                "Attestation de la présence %s : rattrapée au prochain beat.", presence_id
            )

    transaction.on_commit(lancer)


post_save.connect(_apres_presence, sender=Presence, dispatch_uid="formations-attestation")
envois_registre.planificateur(services.attestations_rattraper)

MODELES = ("formations.module", "formations.sessionmodule", "formations.certificat")
invalider_sur_modification("formations", *MODELES)
# La page du format « formations-aff » (application ``programme``) liste les modules.
invalider_sur_modification("programme", *MODELES)
