"""Graphiques SVG mois par mois, dessinés côté serveur (module pur, comme
``autodiagnostic/charts.py`` : attributs de présentation seulement, ni style ni script)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

LARGEUR = 640
HAUTEUR = 260
MARGE_GAUCHE = 48
MARGE_BAS = 48
MARGE_HAUT = 40
COULEURS = ("#0b5d3b", "#1f4e99", "#a4161a", "#6b4c00", "#5a2d82")
COULEUR_GRILLE = "#c9d1d9"
COULEUR_TEXTE = "#1b1f24"
POLICE = "DejaVu Sans, Liberation Sans, sans-serif"


def _graduation(maximum: int) -> int:
    for pas in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if maximum / pas <= 5:
            return pas
    return max(1, maximum // 5)


def svg_mensuel(
    mois: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    titre: str,
    identifiant: str,
) -> str:
    """Barres groupées : une série par indicateur (légende sous le titre), un groupe par mois."""
    maximum = max((v for _nom, valeurs in series for v in valeurs), default=0)
    pas = _graduation(max(maximum, 1))
    plafond = pas * max(1, -(-max(maximum, 1) // pas))
    utile_l = LARGEUR - MARGE_GAUCHE - 8
    utile_h = HAUTEUR - MARGE_HAUT - MARGE_BAS
    groupe = utile_l / max(1, len(mois))
    barre = max(2.0, (groupe - 6) / max(1, len(series)))
    titre_sur = escape(titre)
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {HAUTEUR}" '
        f'width="{LARGEUR}" height="{HAUTEUR}" role="img" aria-labelledby="{identifiant}-titre" '
        f'font-family="{POLICE}" font-size="12" fill="{COULEUR_TEXTE}">',
        f'<title id="{identifiant}-titre">{titre_sur}</title>',
        f'<text x="0" y="16" font-size="15" font-weight="bold">{titre_sur}</text>',
    ]
    x_legende = 0.0
    if len(series) > 1:
        for rang, (nom, _valeurs) in enumerate(series):
            couleur = COULEURS[rang % len(COULEURS)]
            morceaux.append(
                f'<rect x="{x_legende:.1f}" y="24" width="10" height="10" fill="{couleur}"/>'
                f'<text x="{x_legende + 14:.1f}" y="33">{escape(nom)}</text>'
            )
            x_legende += 14 + 7.5 * len(nom) + 12
    for rang in range(0, plafond + 1, pas):
        y = MARGE_HAUT + utile_h - utile_h * rang / plafond
        morceaux.append(
            f'<line x1="{MARGE_GAUCHE}" y1="{y:.1f}" x2="{LARGEUR - 8}" y2="{y:.1f}" '
            f'stroke="{COULEUR_GRILLE}" stroke-width="1"/>'
            f'<text x="{MARGE_GAUCHE - 6}" y="{y + 4:.1f}" text-anchor="end">{rang}</text>'
        )
    for i, libelle in enumerate(mois):
        x0 = MARGE_GAUCHE + i * groupe + 3
        for rang, (_nom, valeurs) in enumerate(series):
            valeur = valeurs[i] if i < len(valeurs) else 0
            hauteur = utile_h * valeur / plafond
            x = x0 + rang * barre
            y = MARGE_HAUT + utile_h - hauteur
            morceaux.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{barre - 1:.1f}" height="{hauteur:.1f}" '
                f'fill="{COULEURS[rang % len(COULEURS)]}"/>'
            )
        morceaux.append(
            f'<text x="{x0 + (groupe - 6) / 2:.1f}" y="{HAUTEUR - MARGE_BAS + 16}" '
            f'text-anchor="middle" font-size="11">{escape(libelle)}</text>'
        )
    morceaux.append("</svg>")
    return "".join(morceaux)
