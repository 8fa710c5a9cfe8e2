"""Tâches Celery : minces, elles prennent des identifiants et appellent les services."""

import logging

from celery import shared_task

from . import mails, rappels
from .models import Abonnement, Inscription

logger = logging.getLogger(__name__)


@shared_task
def envoyer_envois_dus() -> dict:
    """Lancée par le beat toutes les quelques minutes : envoie ce que la base dit dû."""
    bilan = rappels.traiter()
    logger.info("Envois des webinaires : %s", bilan)
    return bilan


@shared_task
def envoyer_confirmation_inscription(inscription_id: int) -> None:
    inscription = Inscription.objects.select_related("webinaire").filter(pk=inscription_id).first()
    if inscription is None:
        return
    mails.confirmation_inscription(inscription).send()


@shared_task
def envoyer_confirmation_abonnement(abonnement_id: int) -> None:
    abonnement = Abonnement.objects.select_related("cycle").filter(pk=abonnement_id).first()
    if abonnement is None:
        return
    mails.demande_abonnement(abonnement).send()
