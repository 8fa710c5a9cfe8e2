"""Écritures des relais : programmer un numéro, l'envoyer en test, envoyer le lien d'une page
d'impact, s'abonner à la lettre, importer des rebonds."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from envois import listes
from envois import services as envois
from envois.enums import MotifSuppression

from . import mails
from .enums import StatutNumero
from .models import LISTE_LETTRE, AccesImpact, Numero


def numero_programmer(*, numero: Numero, envoi_le: datetime | None = None) -> Numero:
    """Programme l'envoi (maintenant par défaut) ; le beat suivant le réserve et l'envoie.
    Un numéro déjà envoyé ne change plus."""
    with transaction.atomic():
        verrou = Numero.objects.select_for_update().get(pk=numero.pk)
        if verrou.statut == StatutNumero.ENVOYE:
            return verrou
        verrou.statut = StatutNumero.PROGRAMME
        verrou.envoi_le = envoi_le or verrou.envoi_le or timezone.now()
        verrou.save(update_fields=["statut", "envoi_le"])
    return verrou


def numero_deprogrammer(*, numero: Numero) -> Numero:
    updated = Numero.objects.filter(pk=numero.pk, statut=StatutNumero.PROGRAMME).update(
        statut=StatutNumero.BROUILLON
    )
    if updated:
        numero.statut = StatutNumero.BROUILLON
    return numero


def numero_tester(*, numero: Numero, email: str) -> None:
    """Envoie le numéro tel qu'il partira à ``email`` (un membre de l'équipe), par la boîte
    d'envoi ; au plus un par minute et par adresse."""
    envois.envoi_programmer(
        genre=mails.GENRE_NUMERO_TEST,
        email=email,
        objet_id=numero.pk,
        du_le=timezone.now().replace(second=0, microsecond=0),
    )


def acces_impact_obtenir(*, partenaire) -> AccesImpact:
    acces, _cree = AccesImpact.objects.get_or_create(partenaire=partenaire)
    return acces


def impact_lien_envoyer(*, acces: AccesImpact, email: str | None = None) -> bool:
    """Envoie le lien secret de la page d'impact (à l'adresse notée, sinon à ``email``)."""
    adresse = (email or acces.email).strip()
    if not adresse:
        return False
    envois.envoi_programmer(
        genre=mails.GENRE_IMPACT,
        email=adresse,
        objet_id=acces.pk,
        du_le=timezone.now().replace(second=0, microsecond=0),
    )
    return True


def lettre_abonnement_demander(*, email: str, nom: str = "", origine: str = ""):
    """Abonnement à la lettre du programme (double opt-in par ``envois``)."""
    return listes.abonnement_demander(
        liste=listes.liste_par_code(LISTE_LETTRE), email=email, nom=nom, origine=origine
    )


# --- Rebonds et plaintes ----------------------------------------------------------------


MOTIFS_FICHIER = {
    "rebond": MotifSuppression.REBOND,
    "bounce": MotifSuppression.REBOND,
    "bounced": MotifSuppression.REBOND,
    "plainte": MotifSuppression.PLAINTE,
    "complaint": MotifSuppression.PLAINTE,
    "complained": MotifSuppression.PLAINTE,
}


@dataclass
class BilanRebonds:
    supprimees: int = 0
    ignorees: int = 0


def rebonds_importer(*, lignes: Iterable[str], detail: str = "") -> BilanRebonds:
    """Importe une liste de rebonds (SMTP simple, sans prestataire) : une adresse par ligne,
    éventuellement suivie de « ; motif » (rebond, plainte). Chaque adresse valide entre dans
    la liste de suppression ; les lignes illisibles sont comptées, pas bloquantes."""
    bilan = BilanRebonds()
    for ligne in csv.reader(lignes, delimiter=";"):
        if not ligne or not ligne[0].strip() or ligne[0].strip().startswith("#"):
            continue
        email = ligne[0].strip().strip("<>")
        motif = MOTIFS_FICHIER.get(ligne[1].strip().lower()) if len(ligne) > 1 else None
        try:
            validate_email(email)
        except ValidationError:
            bilan.ignorees += 1
            continue
        if "\x00" in email or len(email) > 254:
            bilan.ignorees += 1
            continue
        listes.suppression_ajouter(
            email=email, motif=motif or MotifSuppression.REBOND, detail=detail[:500]
        )
        bilan.supprimees += 1
    return bilan
