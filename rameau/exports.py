"""Exports CSV (et XLSX) de l'administration, ouverts tels quels par un tableur réglé en
français.

Séparateur « ; », UTF-8 avec BOM, libellés des colonnes en français (``verbose_name`` des
champs), libellés des choix plutôt que leurs codes, dates « 17/12/2026 13:00 » à l'heure de
Paris, nombres à virgule. Une cellule de texte qui commence par = + - @ (ou une tabulation,
un retour chariot) est précédée d'une apostrophe : le tableur l'affiche au lieu d'exécuter
une formule glissée dans un champ saisi par le public (injection CSV).
"""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Model
from django.http import HttpResponse
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext

PARIS = ZoneInfo("Europe/Paris")
DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Colonne:
    libelle: str
    valeur: Callable[[Any], Any]


def colonne(modele: type[Model], chemin: str, libelle: str | None = None) -> Colonne:
    """La colonne d'un champ, éventuellement à travers des relations (``webinaire__debut``).

    Libellé : le ``verbose_name`` du dernier champ, sauf ``libelle`` ; valeur : le libellé du
    choix s'il y en a, l'objet lié (son ``__str__``) pour une clé étrangère.
    """
    noms = chemin.split("__")
    champ = None
    for nom in noms:
        champ = modele._meta.get_field(nom)
        modele = champ.related_model
    choix = dict(champ.flatchoices) if champ.choices else None

    def valeur(objet):
        for nom in noms:
            if objet is None:
                return None
            objet = getattr(objet, nom)
        return choix.get(objet, objet) if choix is not None else objet

    return Colonne(libelle=str(libelle or capfirst(champ.verbose_name)), valeur=valeur)


def cellule(valeur: Any) -> str:
    """Le texte d'une cellule, en français, neutralisé contre les formules."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return gettext("oui") if valeur else gettext("non")
    if isinstance(valeur, datetime):
        return formats.date_format(valeur.astimezone(PARIS), "d/m/Y H:i")
    if isinstance(valeur, date):
        return formats.date_format(valeur, "d/m/Y")
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, float | Decimal):
        return formats.number_format(valeur, use_l10n=True)
    texte = str(valeur)
    return f"'{texte}" if texte.startswith(DEBUTS_DE_FORMULE) else texte


def reponse_csv(*, nom_fichier: str, colonnes: list[Colonne], objets: Iterable) -> HttpResponse:
    """Le fichier CSV à télécharger : une ligne d'en-tête puis une ligne par objet."""
    reponse = HttpResponse(content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    reponse.write("\ufeff")  # BOM : le tableur reconnaît l'UTF-8 (accents).
    ecrivain = csv.writer(reponse, delimiter=";")
    ecrivain.writerow([c.libelle for c in colonnes])
    for objet in objets:
        ecrivain.writerow([cellule(c.valeur(objet)) for c in colonnes])
    return reponse


def colonnes_de_tableau(libelles: list[str]) -> list[Colonne]:
    """Les colonnes d'un tableau de lignes (listes de valeurs) : la i-ème valeur de chaque ligne."""
    return [
        Colonne(libelle=str(libelle), valeur=lambda ligne, i=i: ligne[i])
        for i, libelle in enumerate(libelles)
    ]


def reponse_xlsx(
    *, nom_fichier: str, colonnes: list[Colonne], objets: Iterable, nombres: bool = False
) -> HttpResponse:
    """Le même tableau en XLSX : xlsxwriter en mode ``constant_memory`` (une ligne écrite à la
    fois), chaque cellule en texte rendu par :func:`cellule` (formules neutralisées).

    ``nombres`` : les entiers et décimaux restent des nombres (le tableur peut les sommer,
    en tracer un graphique) ; le texte, lui, est toujours neutralisé."""
    import io

    import xlsxwriter

    tampon = io.BytesIO()
    classeur = xlsxwriter.Workbook(
        tampon, {"constant_memory": True, "in_memory": False, "strings_to_formulas": False}
    )
    feuille = classeur.add_worksheet()
    gras = classeur.add_format({"bold": True})
    for numero, c in enumerate(colonnes):
        feuille.write_string(0, numero, c.libelle, gras)
    for ligne, objet in enumerate(objets, start=1):
        for numero, c in enumerate(colonnes):
            valeur = c.valeur(objet)
            if (
                nombres
                and isinstance(valeur, int | float | Decimal)
                and not isinstance(valeur, bool)
            ):
                feuille.write_number(ligne, numero, valeur)
            else:
                feuille.write_string(ligne, numero, cellule(valeur))
    classeur.close()
    reponse = HttpResponse(
        tampon.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return reponse


def reponse_xlsx_feuilles(
    *, nom_fichier: str, feuilles: list[tuple[str, list[Colonne], Iterable]]
) -> HttpResponse:
    """Plusieurs tableaux dans un classeur, une feuille chacun (``(titre, colonnes, lignes)``) :
    mode ``constant_memory``, nombres gardés en nombres, texte neutralisé (:func:`cellule`)."""
    import io

    import xlsxwriter

    tampon = io.BytesIO()
    classeur = xlsxwriter.Workbook(
        tampon, {"constant_memory": True, "in_memory": False, "strings_to_formulas": False}
    )
    gras = classeur.add_format({"bold": True})
    noms: set[str] = set()
    for rang, (titre, colonnes, lignes) in enumerate(feuilles, start=1):
        # Un nom de feuille : 31 caractères au plus, sans []:*?/\, unique.
        nom = "".join(c for c in str(titre) if c not in "[]:*?/\\")[:28].strip() or "Feuille"
        if nom in noms:
            nom = f"{nom[:25]} {rang}"
        noms.add(nom)
        feuille = classeur.add_worksheet(nom)
        for numero, c in enumerate(colonnes):
            feuille.write_string(0, numero, c.libelle, gras)
        for ligne, objet in enumerate(lignes, start=1):
            for numero, c in enumerate(colonnes):
                valeur = c.valeur(objet)
                if isinstance(valeur, int | float | Decimal) and not isinstance(valeur, bool):
                    feuille.write_number(ligne, numero, valeur)
                else:
                    feuille.write_string(ligne, numero, cellule(valeur))
    classeur.close()
    reponse = HttpResponse(
        tampon.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return reponse
