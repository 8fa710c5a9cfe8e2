"""Tâches Celery : minces, elles prennent des identifiants et appellent les services."""

import logging

from celery import shared_task
from django.db.models import F

from . import mails, rappels
from .enums import StatutInscription
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
    """Confirmation (ou liste d'attente) : une fois par statut, réservée avant l'envoi."""
    reservee = (
        Inscription.objects.filter(pk=inscription_id)
        .exclude(statut=StatutInscription.ANNULEE)
        .exclude(statut_notifie=F("statut"))
        .update(statut_notifie=F("statut"))
    )
    if not reservee:
        return
    inscription = Inscription.objects.select_related("webinaire").get(pk=inscription_id)
    try:
        mails.confirmation_inscription(inscription).send()
    except Exception:
        # Rien n'est parti : la réservation est rendue pour qu'une reprise puisse envoyer.
        Inscription.objects.filter(pk=inscription_id).update(statut_notifie="")
        raise


@shared_task
def envoyer_confirmation_abonnement(abonnement_id: int) -> None:
    abonnement = Abonnement.objects.select_related("cycle").filter(pk=abonnement_id).first()
    if abonnement is None:
        return
    mails.demande_abonnement(abonnement).send()
