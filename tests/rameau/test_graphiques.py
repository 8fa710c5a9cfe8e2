"""Graphiques SVG partagés (``rameau.graphiques``) : module pur, sans base."""

import re
import xml.etree.ElementTree as ET

from rameau import graphiques

SVG = "{http://www.w3.org/2000/svg}"


def test_courbes_image_accessible_sans_style_et_derniere_etiquette_dans_le_cadre():
    mois = [f"mois {i}" for i in range(12)]
    svg = graphiques.svg_courbes(
        {"M1 <script>": list(range(12)), "M2": [0] * 12},
        abscisses=mois,
        titre="Diagnostics & <modèles>",
        identifiant="g1",
    )
    racine = ET.fromstring(svg)  # XML bien formé : le texte est échappé
    assert racine.get("role") == "img" and racine.get("aria-labelledby") == "g1-titre"
    assert racine.find(f"{SVG}title").text == "Diagnostics & <modèles>"
    assert "style" not in svg and "<script" not in svg
    assert len(racine.findall(f"{SVG}polyline")) == 2
    etiquettes = re.findall(r'text-anchor="(\w+)">(mois \d+)<', svg)
    assert etiquettes[-1] == ("end", "mois 11") and len(etiquettes) <= 7


def test_barres_proportionnelles_et_libelles_tronques():
    svg = graphiques.svg_barres(
        {"Un relais au nom vraiment beaucoup trop long pour la marge": 10, "Court": 5},
        titre="Relais",
        identifiant="g2",
    )
    racine = ET.fromstring(svg)
    largeurs = [float(r.get("width")) for r in racine.iter(f"{SVG}rect")]
    assert largeurs[0] == 2 * largeurs[1]
    assert "…" in svg and "trop long pour la marge" not in svg
