"""Graphiques SVG du résultat, dessinés côté serveur.

Module pur : il reçoit des nombres et renvoie du texte SVG. Uniquement des attributs de
présentation (ni ``style``, ni script) pour que le même SVG passe la politique de sécurité
du site et s'imprime tel quel dans le PDF (WeasyPrint).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

LARGEUR = 640
HAUTEUR_BARRE = 28
ECART = 12
MARGE_GAUCHE = 56
MARGE_DROITE = 64
MARGE_HAUT = 36
COULEUR_BARRE = "#0b5d3b"
COULEUR_DOMINANTE = "#083f28"
COULEUR_REPERE = "#a4161a"
COULEUR_GRILLE = "#c9d1d9"
COULEUR_TEXTE = "#1b1f24"
POLICE = "DejaVu Sans, Liberation Sans, sans-serif"


def _nombre(valeur: float) -> str:
    """Format français : virgule décimale, une décimale."""
    return f"{valeur:.1f}".replace(".", ",")


def svg_scores(
    scores: Mapping[str, float],
    *,
    titre: str,
    reference: Mapping[str, float] | None = None,
    libelle_reference: str = "Médiane des pairs",
    identifiant: str = "graphique-scores",
) -> str:
    """Diagramme en barres horizontales des notes M1–M7 (0–100 %), la plus haute en foncé.

    ``reference`` ajoute un repère vertical par modèle (par exemple la médiane des pairs).
    """
    codes = list(scores)
    largeur_utile = LARGEUR - MARGE_GAUCHE - MARGE_DROITE
    hauteur = MARGE_HAUT + len(codes) * (HAUTEUR_BARRE + ECART) + (40 if reference else 16)
    maximum = max(scores.values(), default=0)
    titre_sur = escape(titre)
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {hauteur}" '
        f'width="{LARGEUR}" height="{hauteur}" role="img" aria-labelledby="{identifiant}-titre" '
        f'font-family="{POLICE}" font-size="14" fill="{COULEUR_TEXTE}">',
        f'<title id="{identifiant}-titre">{titre_sur}</title>',
        f'<text x="0" y="20" font-size="16" font-weight="bold">{titre_sur}</text>',
    ]
    for pas in (0, 25, 50, 75, 100):
        x = MARGE_GAUCHE + largeur_utile * pas / 100
        y_bas = hauteur - (40 if reference else 16)
        morceaux.append(
            f'<line x1="{x:.1f}" y1="{MARGE_HAUT - 6}" x2="{x:.1f}" y2="{y_bas}" '
            f'stroke="{COULEUR_GRILLE}" stroke-width="1"/>'
        )
    for i, code in enumerate(codes):
        valeur = max(0.0, min(100.0, float(scores[code])))
        y = MARGE_HAUT + i * (HAUTEUR_BARRE + ECART)
        largeur = largeur_utile * valeur / 100
        couleur = COULEUR_DOMINANTE if valeur == maximum and valeur > 0 else COULEUR_BARRE
        milieu = y + HAUTEUR_BARRE / 2 + 5
        morceaux.append(
            f'<text x="0" y="{milieu:.1f}" font-weight="bold">{escape(code)}</text>'
            f'<rect x="{MARGE_GAUCHE}" y="{y}" width="{largeur:.1f}" height="{HAUTEUR_BARRE}" '
            f'fill="{couleur}" rx="3"/>'
            f'<text x="{MARGE_GAUCHE + largeur + 6:.1f}" y="{milieu:.1f}">'
            f"{_nombre(valeur)} %</text>"
        )
        if reference and code in reference:
            xr = MARGE_GAUCHE + largeur_utile * max(0.0, min(100.0, reference[code])) / 100
            morceaux.append(
                f'<line x1="{xr:.1f}" y1="{y - 3}" x2="{xr:.1f}" y2="{y + HAUTEUR_BARRE + 3}" '
                f'stroke="{COULEUR_REPERE}" stroke-width="3"/>'
            )
    if reference:
        y = hauteur - 14
        morceaux.append(
            f'<line x1="{MARGE_GAUCHE}" y1="{y - 10}" x2="{MARGE_GAUCHE}" y2="{y + 4}" '
            f'stroke="{COULEUR_REPERE}" stroke-width="3"/>'
            f'<text x="{MARGE_GAUCHE + 8}" y="{y + 2}">{escape(libelle_reference)}</text>'
        )
    morceaux.append("</svg>")
    return "".join(morceaux)
