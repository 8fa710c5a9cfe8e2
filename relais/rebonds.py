"""Rebonds et plaintes signalés par le prestataire d'envoi (django-anymail).

Le webhook de suivi du prestataire (``/relais/anymail/<prestataire>/tracking/``) vérifie la
signature ou l'authentification de base (réglages ``ANYMAIL``) avant d'émettre le signal
``tracking`` ; un rebond définitif ou une plainte met l'adresse dans la liste de suppression
d'``envois`` dès la réception. En SMTP simple : ``manage.py importer_rebonds FICHIER``.
"""

import logging

from anymail.signals import tracking
from django.dispatch import receiver

from envois import listes
from envois.enums import MotifSuppression

logger = logging.getLogger(__name__)

MOTIFS = {
    "bounced": MotifSuppression.REBOND,
    "rejected": MotifSuppression.REBOND,
    "complained": MotifSuppression.PLAINTE,
    "unsubscribed": MotifSuppression.DESABONNEMENT,
}


@receiver(tracking, dispatch_uid="relais_rebonds")
def evenement_recu(sender, event, esp_name, **kwargs) -> None:
    motif = MOTIFS.get(event.event_type)
    adresse = (event.recipient or "").strip()
    if motif is None or not adresse or "\x00" in adresse or len(adresse) > 254:
        return
    detail = f"{esp_name} : {event.event_type} {event.description or ''}".strip()[:500]
    listes.suppression_ajouter(email=adresse, motif=motif, detail=detail)
    logger.info("Adresse supprimée des envois (%s) : %s", event.event_type, adresse)
