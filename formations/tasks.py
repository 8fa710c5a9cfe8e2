from celery import shared_task

from . import services


@shared_task(acks_late=True, max_retries=3, default_retry_delay=30)
def emettre_attestation(presence_id: int) -> int | None:
    """Émet l'attestation d'une présence notée et rend son PDF (rejouable sans doublon)."""
    attestation = services.attestation_depuis_presence(presence_id=presence_id)
    return attestation.pk if attestation else None
