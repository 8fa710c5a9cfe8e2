"""Graphiques SVG dessinés côté serveur, communs aux tableaux de bord.

Module pur : des nombres entrent, du texte SVG sort. Mêmes règles que les graphiques du
résultat d'autodiagnostic (``autodiagnostic.charts``) : ``role="img"``, un ``<title>``, des
attributs de présentation seulement (ni ``style`` ni script, la CSP tient), et toujours un
tableau de données à côté dans la page (le graphique n'en est qu'une lecture visuelle).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

LARGEUR = 640
POLICE = "DejaVu Sans, Liberation Sans, sans-serif"
COULEUR_TEXTE = "#1b1f24"
COULEUR_GRILLE = "#c9d1d9"
# Couleurs contrastées sur fond blanc (≥ 3:1 pour les éléments graphiques, WCAG 1.4.11).
PALETTE = ["#0b5d3b", "#1f4e99", "#a4161a", "#7a4b00", "#5b2a86", "#00616b", "#4d4d4d", "#8a1f5c"]


def _entier(valeur: float) -> str:
    if float(valeur).is_integer():
        return f"{int(valeur):,}".replace(",", "\u202f")
    return f"{valeur:.1f}".replace(".", ",")


def _ouvrir(hauteur: int, titre: str, identifiant: str) -> list[str]:
    titre_sur = escape(titre)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {hauteur}" '
        f'width="100%" role="img" aria-labelledby="{identifiant}-titre" '
        f'font-family="{POLICE}" font-size="13" fill="{COULEUR_TEXTE}">',
        f'<title id="{identifiant}-titre">{titre_sur}</title>',
    ]


def svg_barres(
    valeurs: Mapping[str, float], *, titre: str, identifiant: str, maximum: float | None = None
) -> str:
    """Barres horizontales, une par libellé (formats, relais, sessions…)."""
    libelles = list(valeurs)
    marge_gauche, marge_droite, haut, pas, epaisseur = 220, 70, 12, 26, 18
    hauteur = haut + max(1, len(libelles)) * pas + 8
    plus_grand = maximum or max((float(v) for v in valeurs.values()), default=0) or 1
    utile = LARGEUR - marge_gauche - marge_droite
    morceaux = _ouvrir(hauteur, titre, identifiant)
    for i, libelle in enumerate(libelles):
        valeur = max(0.0, float(valeurs[libelle]))
        y = haut + i * pas
        largeur = utile * valeur / plus_grand
        texte = libelle if len(libelle) <= 32 else libelle[:31] + "…"
        morceaux.append(
            f'<text x="{marge_gauche - 8}" y="{y + 14}" text-anchor="end">{escape(texte)}</text>'
            f'<rect x="{marge_gauche}" y="{y}" width="{largeur:.1f}" height="{epaisseur}" '
            f'fill="{PALETTE[0]}" rx="2"/>'
            f'<text x="{marge_gauche + largeur + 6:.1f}" y="{y + 14}">{_entier(valeur)}</text>'
        )
    morceaux.append("</svg>")
    return "".join(morceaux)


def svg_courbes(
    series: Mapping[str, Sequence[float]],
    *,
    abscisses: Sequence[str],
    titre: str,
    identifiant: str,
) -> str:
    """Une courbe par série sur des mois (abscisses), avec légende et graduations."""
    marge_gauche, marge_droite, haut, bas = 48, 36, 16, 64
    legende = 18 * ((len(series) + 2) // 3)
    hauteur = 260 + legende
    y_bas = hauteur - bas - legende
    utile_x = LARGEUR - marge_gauche - marge_droite
    utile_y = y_bas - haut
    plus_grand = max((float(v) for s in series.values() for v in s), default=0) or 1
    n = max(1, len(abscisses) - 1)
    morceaux = _ouvrir(hauteur, titre, identifiant)
    for fraction in (0, 0.5, 1):
        y = y_bas - utile_y * fraction
        morceaux.append(
            f'<line x1="{marge_gauche}" y1="{y:.1f}" x2="{LARGEUR - marge_droite}" y2="{y:.1f}" '
            f'stroke="{COULEUR_GRILLE}" stroke-width="1"/>'
            f'<text x="{marge_gauche - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_entier(round(plus_grand * fraction, 1))}</text>"
        )
    # Au plus sept étiquettes, espacées régulièrement en partant du dernier mois (toujours
    # écrit) ; la dernière est alignée à droite pour ne pas sortir du cadre.
    pas_etiquettes = max(1, -(-len(abscisses) // 7))
    dernier = len(abscisses) - 1
    for i, libelle in enumerate(abscisses):
        if (dernier - i) % pas_etiquettes == 0:
            x = marge_gauche + utile_x * i / n
            ancre = "end" if i == dernier and dernier else "middle"
            morceaux.append(
                f'<text x="{x:.1f}" y="{y_bas + 18}" text-anchor="{ancre}">{escape(libelle)}</text>'
            )
    for rang, (nom, valeurs) in enumerate(series.items()):
        couleur = PALETTE[rang % len(PALETTE)]
        points = " ".join(
            f"{marge_gauche + utile_x * i / n:.1f},{y_bas - utile_y * float(v) / plus_grand:.1f}"
            for i, v in enumerate(valeurs)
        )
        morceaux.append(
            f'<polyline points="{points}" fill="none" stroke="{couleur}" stroke-width="2.5"/>'
        )
        colonne, ligne = rang % 3, rang // 3
        x, y = marge_gauche + colonne * 200, y_bas + 40 + ligne * 18
        morceaux.append(
            f'<rect x="{x}" y="{y - 10}" width="14" height="10" fill="{couleur}"/>'
            f'<text x="{x + 20}" y="{y}">{escape(nom[:26])}</text>'
        )
    morceaux.append("</svg>")
    return "".join(morceaux)


# --- Barres groupées par mois (impact d'un relais) -------------------------------------------

HAUTEUR_MENSUELLE = 260
MARGE_GAUCHE = 48
MARGE_BAS = 48
MARGE_HAUT = 40


def _graduation(maximum: int) -> int:
    for pas in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if maximum / pas <= 5:
            return pas
    return max(1, maximum // 5)


def svg_barres_mensuelles(
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
    utile_h = HAUTEUR_MENSUELLE - MARGE_HAUT - MARGE_BAS
    groupe = utile_l / max(1, len(mois))
    barre = max(2.0, (groupe - 6) / max(1, len(series)))
    morceaux = _ouvrir(HAUTEUR_MENSUELLE, titre, identifiant)
    morceaux.append(f'<text x="0" y="16" font-size="15" font-weight="bold">{escape(titre)}</text>')
    x_legende = 0.0
    if len(series) > 1:
        for rang, (nom, _valeurs) in enumerate(series):
            couleur = PALETTE[rang % len(PALETTE)]
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
                f'fill="{PALETTE[rang % len(PALETTE)]}"/>'
            )
        morceaux.append(
            f'<text x="{x0 + (groupe - 6) / 2:.1f}" y="{HAUTEUR_MENSUELLE - MARGE_BAS + 16}" '
            f'text-anchor="middle" font-size="11">{escape(libelle)}</text>'
        )
    morceaux.append("</svg>")
    return "".join(morceaux)
