import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def envoyer_invitation(invitation_id: int) -> None:
    if services.invitation_mail_envoyer(invitation_id=invitation_id):
        logger.info("Invitation %s envoyée", invitation_id)
