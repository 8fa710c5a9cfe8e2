"""Rendu HTML → PDF avec WeasyPrint, sans jamais sortir sur le réseau.

Les fiches ne chargent que la feuille d'impression de ``static/ressources/``, la police
DejaVu Sans des paquets système (``fonts-dejavu-core``) et des URL ``data:`` ; toute autre
adresse est refusée par :func:`recuperateur_local`.
"""

import functools
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


@functools.cache
def _classe_recuperateur():
    from weasyprint.urls import URLFetcher

    class RecuperateurLocal(URLFetcher):
        """``URLFetcher`` de WeasyPrint limité aux fichiers locaux autorisés et aux ``data:``."""

        def fetch(self, url, headers=None):
            if not _autorisee(url):
                raise RessourceRefusee(f"Ressource refusée pour une fiche PDF : {url}")
            return super().fetch(url, headers)

    return RecuperateurLocal


def recuperateur_local():
    """Un récupérateur d'URL neuf pour un rendu (l'``URLFetcher`` garde un état par requête).

    Seuls ``file:`` et ``data:`` sont permis, sans redirection ; toute autre adresse lève
    :class:`RessourceRefusee`, que WeasyPrint consigne en avertissement avant de continuer.
    """
    return _classe_recuperateur()(allowed_protocols={"file", "data"}, allow_redirects=False)


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
        url_fetcher=recuperateur_local(),
    )
    return document.write_pdf()
