"""Tâches Celery de l'autodiagnostic (minces : elles prennent des identifiants)."""

import logging

from celery import shared_task
from django.utils.translation import gettext

from rameau import mail, site

from .models import Diagnostic

logger = logging.getLogger(__name__)


@shared_task
def envoyer_lien_reprise(diagnostic_id: int) -> None:
    """Envoie le lien de reprise ; la personne l'a demandé explicitement (bouton)."""
    diagnostic = Diagnostic.objects.filter(pk=diagnostic_id).first()
    if diagnostic is None or not diagnostic.email:
        return
    mail.envoyer(
        destinataire=diagnostic.email,
        sujet=gettext("[Le RAMEAU] Reprendre votre autodiagnostic"),
        gabarit="autodiagnostic/emails/lien_reprise",
        contexte={
            "diagnostic": diagnostic,
            "lien": site.url_absolue(diagnostic.get_absolute_url()),
        },
    )
    logger.info("Lien de reprise envoyé pour le diagnostic %s", diagnostic_id)
