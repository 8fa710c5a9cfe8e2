"""Rendu HTML → PDF avec WeasyPrint, sans jamais sortir sur le réseau.

Les fiches ne chargent que la feuille d'impression de ``static/ressources/``, la police
DejaVu Sans des paquets système (``fonts-dejavu-core``) et des URL ``data:`` ; toute autre
adresse est refusée par :func:`recuperateur_local`.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings

logger = logging.getLogger(__name__)

DOSSIER_STATIQUE = Path(settings.BASE_DIR) / "static" / "ressources"
DOSSIER_POLICES = Path("/usr/share/fonts/truetype/dejavu")
RACINES_AUTORISEES = (DOSSIER_STATIQUE.resolve(), DOSSIER_POLICES)


class RessourceRefusee(ValueError):
    """Une fiche a demandé une ressource hors des dossiers autorisés."""


def _autorisee(url: str) -> bool:
    if url.startswith("data:"):
        return True
    decoupe = urlparse(url)
    if decoupe.scheme != "file":
        return False
    chemin = Path(unquote(decoupe.path)).resolve()
    return any(chemin.is_relative_to(racine) for racine in RACINES_AUTORISEES)


def recuperateur_local(url: str, *args, **kwargs):
    """``url_fetcher`` de WeasyPrint limité aux fichiers locaux autorisés et aux ``data:``."""
    from weasyprint.urls import default_url_fetcher

    if not _autorisee(url):
        raise RessourceRefusee(f"Ressource refusée pour une fiche PDF : {url}")
    return default_url_fetcher(url, *args, **kwargs)


def rendre_pdf(html: str) -> bytes:
    """Rend un document HTML complet en PDF.

    Les adresses relatives (feuille ``fiche.css``) partent de ``static/ressources/``. Le
    titre, l'auteur et la langue du PDF viennent de ``<title>``, ``<meta name="author">`` et
    ``<html lang>``.
    """
    import weasyprint  # import lent : seulement dans le worker qui rend

    document = weasyprint.HTML(
        string=html,
        base_url=DOSSIER_STATIQUE.as_uri() + "/",
        url_fetcher=recuperateur_local,
    )
    return document.write_pdf()
