import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def preparer_archive(demande_id: int) -> None:
    if services.archive_preparer(demande_id=demande_id):
        logger.info("Archive RGPD %s prête.", demande_id)


@shared_task
def appliquer_conservation() -> dict:
    bilan = services.conservation_appliquer()
    logger.info("Conservation RGPD : %s", bilan)
    return bilan
