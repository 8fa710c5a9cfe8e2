import logging

from celery import shared_task
from django.conf import settings

from . import services

logger = logging.getLogger(__name__)


# Limite de temps du rendu : un worker bloqué est arrêté ; la même durée (plus une marge)
# sert de bail, au-delà duquel une fiche « en cours » est relancée (``services.bail_rendu``).
@shared_task(
    bind=True,
    max_retries=3,
    acks_late=True,
    time_limit=settings.FICHES_LIMITE_RENDU_SECONDES,
    soft_time_limit=max(settings.FICHES_LIMITE_RENDU_SECONDES - 10, 1),
)
def fiche_rendre(self, fiche_id: int) -> None:
    """Rend une fiche PDF ; réessaie avec un délai croissant, puis la marque en échec."""
    try:
        services.fiche_rendre(fiche_id=fiche_id)
    except Exception as exc:
        dernier_essai = self.request.retries >= self.max_retries
        services.fiche_echec_noter(
            fiche_id=fiche_id, erreur=f"{type(exc).__name__}: {exc}", definitif=dernier_essai
        )
        if dernier_essai:
            logger.exception("Échec définitif du rendu de la fiche %s.", fiche_id)
            return
        delai = getattr(settings, "FICHES_DELAI_REESSAI", 2) * 2**self.request.retries
        raise self.retry(exc=exc, countdown=delai) from exc
