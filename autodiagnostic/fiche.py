"""Fiche repère personnalisée d'un diagnostic (PDF).

Le contexte d'affichage (:func:`autodiagnostic.presentation.contexte_resultat`) est réduit à
des données JSON par :func:`contexte_impression` ; c'est ce contexte qui est haché et stocké
avec la fiche (``ressources.FichePDF``), puis rendu par la tâche Celery. La commande
``score_diagnostic --pdf`` passe par :func:`ecrire_pdf`, qui rend tout de suite.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.management import CommandError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from programme.selectors import famille_en_donnees, modele_en_donnees
from rameau import site
from ressources import pdf, services
from ressources.enums import GenreFiche
from ressources.models import FichePDF
from ressources.selectors import categories_en_dict

GABARIT = "autodiagnostic/fiche/personnalisee.html"
NOMBRE_DATES = 3


def _date(valeur: date | datetime | None, *, heure: bool = False) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, datetime) and timezone.is_aware(valeur):
        valeur = timezone.localtime(valeur)
    if heure and isinstance(valeur, datetime):
        return date_format(valeur, "l j F Y à H\\hi")
    return date_format(valeur, "j F Y")


def _absolue(url: str) -> str:
    return url if "://" in url else site.url_absolue(url)


def _prochaines_dates() -> list[dict[str, str]]:
    """Les prochains webinaires du cycle : des dates concrètes pour passer à l'action."""
    from webinaires.selectors import a_venir

    return [
        {
            "titre": webinaire.titre,
            "date": _date(webinaire.debut, heure=True),
            "url": _absolue(webinaire.get_absolute_url()),
        }
        for webinaire in a_venir()[:NOMBRE_DATES]
    ]


def contexte_impression(contexte: dict[str, Any]) -> dict[str, Any]:
    """Le contexte de la page de résultat, réduit à ce que la fiche imprime (JSON)."""
    occasion = contexte.get("prochaine_occasion")
    format_ = contexte["format"]
    return {
        "organisation_nom": contexte.get("organisation_nom") or "",
        "date": _date(contexte.get("date")),
        "svg": contexte["svg"],
        "scores": [
            {"code": code, "nom": nom, "valeur": round(float(valeur), 1)}
            for code, nom, valeur in contexte["scores"]
        ],
        "libelle_dominant": contexte["libelle_dominant"],
        "hybride": bool(contexte.get("hybride")),
        "logique": str(contexte["logique"]),
        "dominant": [modele_en_donnees(modele) for modele in contexte["dominant"]],
        "maturite": [
            {"groupe": str(groupe), "valeur": round(float(valeur))}
            for groupe, valeur in contexte["maturite"]
        ],
        "maturite_globale": round(float(contexte["maturite_globale"])),
        "niveau": contexte["niveau"],
        "niveau_libelle": str(contexte["niveau_libelle"]),
        "format": {
            "nom": format_.nom,
            "description": format_.description,
            "pour_qui": format_.pour_qui,
            "url": _absolue(format_.lien or format_.get_absolute_url()),
        },
        "raison": str(contexte["raison"]),
        "alternatives": [f.nom for f in contexte.get("alternatives", [])],
        "prochaine_occasion": occasion
        and {
            "titre": occasion["titre"],
            "date": _date(occasion.get("date"), heure=True),
            "url": _absolue(occasion["url"]),
        },
        "prochaines_dates": _prochaines_dates(),
        "familles_leviers": [famille_en_donnees(f) for f in contexte["familles_leviers"]],
        "categories": categories_en_dict(),
        "site_url": site.adresse(),
    }


def rendre_html(contexte: dict[str, Any]) -> str:
    return render_to_string(GABARIT, contexte_impression(contexte))


def rendre_pdf(contexte: dict[str, Any]) -> bytes:
    """Rend tout de suite la fiche d'un contexte de résultat (commande, banc d'essai)."""
    return pdf.rendre_pdf(rendre_html(contexte))


def ecrire_pdf(contexte: dict[str, Any], chemin: str | os.PathLike) -> None:
    """Écrit la fiche dans ``chemin`` : fichier temporaire puis renommage atomique.

    Appelée par la commande ``score_diagnostic --pdf`` : un chemin inutilisable lève une
    :class:`CommandError` au message français.
    """
    cible = Path(chemin)
    if not cible.parent.is_dir():
        raise CommandError(f"Dossier introuvable pour la fiche PDF : {cible.parent}")
    contenu = rendre_pdf(contexte)
    try:
        descripteur, temporaire = tempfile.mkstemp(
            dir=cible.parent, prefix=f".{cible.name}.", suffix=".part"
        )
    except OSError as exc:
        raise CommandError(f"Écriture impossible dans {cible.parent} : {exc.strerror}") from exc
    try:
        with os.fdopen(descripteur, "wb") as fichier:
            fichier.write(contenu)
        os.replace(temporaire, cible)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise


def demander(*, jeton: str, contexte: dict[str, Any]) -> FichePDF:
    """La fiche PDF du diagnostic pour son contenu actuel, mise en rendu si besoin."""
    return services.fiche_demander(
        genre=GenreFiche.DIAGNOSTIC,
        cle=jeton,
        gabarit=GABARIT,
        contexte=contexte_impression(contexte),
    )
