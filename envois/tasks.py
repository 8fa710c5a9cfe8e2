"""Tâches Celery de la boîte d'envoi : minces, elles prennent des identifiants."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task
def traiter() -> dict:
    """Lancée par le beat toutes les quelques minutes : planifie et envoie ce qui est dû."""
    bilan = services.traiter()
    logger.info("Envois : %s", bilan)
    return bilan


@shared_task
def envoyer_envoi(envoi_id: int) -> None:
    """Envoie aussitôt un e-mail transactionnel réservé (s'il n'est pas déjà parti)."""
    services.envoyer_un(envoi_id=envoi_id)
