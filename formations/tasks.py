from celery import shared_task

from . import services


@shared_task(acks_late=True, max_retries=3, default_retry_delay=30)
def emettre_attestation(presence_id: int) -> int | None:
    """Émet l'attestation d'une présence notée et rend son PDF (rejouable sans doublon)."""
    attestation = services.attestation_depuis_presence(presence_id=presence_id)
    return attestation.pk if attestation else None


@shared_task(acks_late=True, max_retries=3, default_retry_delay=30)
def rendre_pdf_attestation(attestation_id: int) -> bool:
    """Rend le PDF d'une attestation valide qui n'en a pas encore (sans effet sinon)."""
    return services.attestation_pdf_assurer(attestation_id=attestation_id)
