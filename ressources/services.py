"""Écritures de l'application ressources : demande, rendu et publication des fiches PDF.

Cycle d'une fiche : une vue appelle :func:`fiche_demander` avec le gabarit et le contexte
(données JSON) ; la première demande d'une empreinte crée la ligne (contrainte d'unicité) et
met la tâche en file après le commit ; la tâche appelle :func:`fiche_rendre`, qui rend le PDF
depuis le contexte stocké, l'écrit sous un nom inédit puis le publie en passant la ligne à
« prête » dans une transaction. Un fichier n'est donc jamais servi avant d'être complet.
"""

import hashlib
import json
import logging
import secrets
import time
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import OperationalError as CourtierInjoignable

from rameau import cache as cache_partage

from . import pdf
from .enums import StatutFiche
from .models import FichePDF

logger = logging.getLogger(__name__)


def bail_rendu() -> timedelta:
    """Durée au-delà de laquelle une fiche « en attente » ou « en cours » est réputée oubliée
    (message perdu, worker tué pendant le rendu) : la limite de temps de la tâche de rendu,
    plus une petite marge. La demande suivante (ou « Réessayer ») la remet alors en file."""
    return timedelta(seconds=settings.FICHES_LIMITE_RENDU_SECONDES + 15)


# Raccourci du téléchargement : (genre, clé) → fichier de la fiche prête, dans le cache
# versionné de la plateforme (espace « fiches », invalidé par ``ressources.signaux`` quand le
# contenu dont les fiches sont tirées change), au plus DUREE_RACCOURCI secondes (ce qui
# change avec le temps seul : prochaines dates, mises à jour en masse).
ESPACE_FICHES = "fiches"
DUREE_RACCOURCI = 300


class FicheInvalide(RuntimeError):
    """Le moteur de rendu a produit autre chose qu'un PDF complet."""


def _en_json(contexte: dict) -> dict:
    """Contexte réduit à des types JSON (dates, décimaux… en texte), tel qu'il sera stocké."""
    return json.loads(json.dumps(contexte, cls=DjangoJSONEncoder))


@lru_cache(maxsize=1)
def _version_impression_figee() -> str:
    return _version_impression()


def _version_impression() -> str:
    """Empreinte des gabarits et de la feuille d'impression : un déploiement qui les change
    rend les fiches à nouveau."""
    racine = Path(settings.BASE_DIR)
    fichiers = sorted(
        {
            *(racine / "static" / "ressources").glob("*.css"),
            *(racine / "templates").glob("*/fiche/*.html"),
        }
    )
    condense = hashlib.sha256()
    for fichier in fichiers:
        condense.update(fichier.name.encode())
        condense.update(fichier.read_bytes())
    return condense.hexdigest()


def empreinte(*, gabarit: str, contexte: dict) -> str:
    """SHA-256 de ce dont la fiche est tirée : gabarit, contexte et fichiers d'impression."""
    version = _version_impression() if settings.DEBUG else _version_impression_figee()
    source = json.dumps(
        {"gabarit": gabarit, "contexte": contexte, "impression": version},
        cls=DjangoJSONEncoder,
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(source.encode()).hexdigest()


def version_contenu() -> tuple | None:
    """Version du contenu dont les fiches sont tirées ; à lire AVANT de calculer le contexte."""
    return cache_partage.versions(ESPACE_FICHES)


def _cle_raccourci(*, genre: str, cle: str) -> str | None:
    impression = _version_impression() if settings.DEBUG else _version_impression_figee()
    return cache_partage.cle((ESPACE_FICHES,), f"ressources:fiche:{genre}:{cle}:{impression[:16]}")


def fiche_prete_memorisee(*, genre: str, cle: str) -> str | None:
    """Le nom du fichier de la fiche prête pour le contenu actuel, s'il est mémorisé.

    Aucune requête SQL, et le plus souvent aucun aller-retour vers Redis (mémoire du
    processus) : une fiche prête ne change plus, et son fichier n'est supprimé qu'après un
    changement de contenu, qui a déjà changé la version.
    """
    return cache_partage.lire(_cle_raccourci(genre=genre, cle=cle))


def fiche_prete_memoriser(*, fiche: FichePDF, version: tuple | None) -> None:
    """Retient la fiche prête, si le contenu n'a pas changé depuis ``version``."""
    if fiche.prete and version is not None and version == version_contenu():
        cache_partage.ecrire(
            _cle_raccourci(genre=fiche.genre, cle=fiche.cle),
            fiche.fichier.name,
            DUREE_RACCOURCI,
        )


def _mettre_en_file(fiche_id: int) -> None:
    transaction.on_commit(lambda: _envoyer_a_la_file(fiche_id))


def _envoyer_a_la_file(fiche_id: int) -> None:
    """Courtier injoignable : la fiche reste « en attente » ; passé le bail, la demande
    suivante (ou « Réessayer ») la remet en file (voir :func:`fiche_demander`)."""
    from .tasks import fiche_rendre

    try:
        fiche_rendre.delay(fiche_id)
    except CourtierInjoignable:
        logger.warning("File d'attente injoignable : la fiche %s attend le bail.", fiche_id)


def fiche_demander(*, genre: str, cle: str, gabarit: str, contexte: dict) -> FichePDF:
    """Renvoie la fiche correspondant au contenu actuel ; la met en rendu si elle est neuve.

    Deux demandes simultanées d'une même empreinte se départagent sur la contrainte
    d'unicité : une seule crée la ligne et met la tâche en file.
    """
    contexte = _en_json(contexte)
    valeur = empreinte(gabarit=gabarit, contexte=contexte)
    with transaction.atomic():
        fiche, creee = FichePDF.objects.get_or_create(
            genre=genre,
            cle=cle,
            empreinte=valeur,
            defaults={"gabarit": gabarit, "contexte": contexte},
        )
        if creee:
            _mettre_en_file(fiche.pk)
        elif fiche.statut in (StatutFiche.EN_ATTENTE, StatutFiche.EN_COURS) and _relancer(
            fiche=fiche, si=_oubliee()
        ):
            logger.warning("Fiche %s oubliée (bail expiré) : nouvelle mise en file.", fiche.pk)
            fiche.refresh_from_db()
    return fiche


def _oubliee() -> Q:
    return Q(
        statut__in=[StatutFiche.EN_ATTENTE, StatutFiche.EN_COURS],
        modifiee_le__lt=timezone.now() - bail_rendu(),
    )


def _relancer(*, fiche: FichePDF, si: Q) -> bool:
    """Remet la fiche en file si elle vérifie ``si`` ; la mise à jour est conditionnelle, si
    bien que deux demandes simultanées ne la relancent qu'une fois."""
    relancee = (
        FichePDF.objects.filter(si, pk=fiche.pk)
        .exclude(statut=StatutFiche.PRETE)
        .update(statut=StatutFiche.EN_ATTENTE, erreur="", tentatives=0, modifiee_le=timezone.now())
    )
    if relancee:
        _mettre_en_file(fiche.pk)
    return bool(relancee)


def fiche_relancer(*, fiche: FichePDF) -> FichePDF:
    """Bouton « Réessayer » : remet en file une fiche en échec, ou dont le rendu a été
    interrompu (bail expiré). Un rendu encore dans son bail n'est pas doublé."""
    with transaction.atomic():
        _relancer(fiche=fiche, si=Q(statut=StatutFiche.ECHEC) | _oubliee())
    fiche.refresh_from_db()
    return fiche


def fiche_rendre(*, fiche_id: int) -> FichePDF | None:
    """Rend le PDF d'une fiche depuis son contexte stocké et le publie (appelé par la tâche)."""
    with transaction.atomic():
        fiche = FichePDF.objects.select_for_update().filter(pk=fiche_id).first()
        if fiche is None or fiche.statut == StatutFiche.PRETE:
            return fiche
        fiche.statut = StatutFiche.EN_COURS
        fiche.tentatives = F("tentatives") + 1
        fiche.save(update_fields=["statut", "tentatives", "modifiee_le"])

    debut = time.perf_counter()
    html = render_to_string(fiche.gabarit, fiche.contexte)
    contenu = pdf.rendre_pdf(html)
    if not (contenu.startswith(b"%PDF-") and b"%%EOF" in contenu[-1024:]):
        raise FicheInvalide("Le rendu n'a pas produit un PDF complet.")
    duree = time.perf_counter() - debut

    # Nom inédit et imprévisible : le fichier n'est visible qu'une fois la ligne publiée.
    nom = f"{fiche.empreinte[:16]}-{secrets.token_urlsafe(12)}.pdf"
    fiche.fichier.save(nom, ContentFile(contenu), save=False)
    chemin = fiche.fichier.name
    with transaction.atomic():
        courante = FichePDF.objects.select_for_update().filter(pk=fiche_id).first()
        if courante is None or courante.statut == StatutFiche.PRETE:
            fiche.fichier.storage.delete(chemin)
            return courante
        courante.fichier.name = chemin
        courante.statut = StatutFiche.PRETE
        courante.erreur = ""
        courante.duree_rendu = duree
        courante.prete_le = timezone.now()
        courante.save()
        transaction.on_commit(lambda: fiches_anciennes_supprimer(fiche=courante))
    logger.info("Fiche %s rendue en %.2f s (%d octets).", fiche_id, duree, len(contenu))
    return courante


def fiche_echec_noter(*, fiche_id: int, erreur: str, definitif: bool) -> None:
    """Garde la trace d'un rendu raté ; « échec » seulement après la dernière tentative."""
    FichePDF.objects.filter(pk=fiche_id).exclude(statut=StatutFiche.PRETE).update(
        statut=StatutFiche.ECHEC if definitif else StatutFiche.EN_ATTENTE,
        erreur=erreur[:2000],
        modifiee_le=timezone.now(),
    )


def fiches_anciennes_supprimer(*, fiche: FichePDF) -> int:
    """Supprime les rendus plus anciens de la même fiche (contenu périmé) et leurs fichiers."""
    anciennes = FichePDF.objects.filter(
        genre=fiche.genre, cle=fiche.cle, creee_le__lt=fiche.creee_le
    ).exclude(pk=fiche.pk)
    nombre = 0
    for ancienne in anciennes:
        if ancienne.fichier:
            ancienne.fichier.delete(save=False)
        ancienne.delete()
        nombre += 1
    return nombre
