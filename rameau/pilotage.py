"""Registre du tableau de bord de l'équipe (``/pilotage/``).

Chaque application y déclare ses sections depuis son ``AppConfig.ready()`` ; la vue parcourt
le registre et n'importe aucune application (diagnostics : ``autodiagnostic.pilotage``,
inscriptions et relais : ``agenda.pilotage``, abonnés : ``envois.pilotage`` ; les attestations
viendront de l'application des formations).

Une section est une fonction ``(periode) -> list[Tableau]`` : un nombre **constant** de
requêtes quel que soit le volume (agrégats groupés par mois), jamais une requête par ligne.
Chaque tableau est affiché en graphique SVG et en tableau de données, et s'exporte en CSV et
en XLSX.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats

from . import graphiques

PARIS = ZoneInfo("Europe/Paris")
DUREES_MOIS = (6, 12, 24, 36)


@dataclass(frozen=True)
class Periode:
    """Des mois entiers, du premier jour de ``premier_mois`` (inclus) à ``fin`` (exclue)."""

    mois: tuple[date, ...]

    @classmethod
    def derniers_mois(cls, nombre: int, *, aujourd_hui: date) -> Periode:
        annee, numero = aujourd_hui.year, aujourd_hui.month
        liste = []
        for _ in range(nombre):
            liste.append(date(annee, numero, 1))
            annee, numero = (annee - 1, 12) if numero == 1 else (annee, numero - 1)
        return cls(mois=tuple(reversed(liste)))

    @property
    def debut(self) -> datetime:
        return datetime.combine(self.mois[0], time.min, tzinfo=PARIS)

    @property
    def fin(self) -> datetime:
        dernier = self.mois[-1]
        suivant = date(dernier.year + dernier.month // 12, dernier.month % 12 + 1, 1)
        return datetime.combine(suivant, time.min, tzinfo=PARIS)

    @property
    def libelles(self) -> list[str]:
        return [formats.date_format(m, "M Y") for m in self.mois]

    def index(self, moment: date | datetime | None) -> int | None:
        """Le rang du mois de ``moment`` dans la période (None : hors période)."""
        if moment is None:
            return None
        if isinstance(moment, datetime):
            moment = moment.astimezone(PARIS).date()
        cle = date(moment.year, moment.month, 1)
        try:
            return self.mois.index(cle)
        except ValueError:
            return None


@dataclass
class Tableau:
    """Un tableau de données et son graphique (``courbes`` par mois, ou ``barres``)."""

    titre: str
    colonnes: list[str]
    lignes: list[list[Any]]
    graphique: str = "courbes"  # « courbes » : 1re colonne = mois ; « barres » : libellé, valeur
    note: str = ""
    identifiant: str = ""

    def svg(self) -> str:
        ident = self.identifiant or "graphique"
        if not self.lignes:
            return ""
        if self.graphique == "barres":
            return graphiques.svg_barres(
                {str(ligne[0]): ligne[1] or 0 for ligne in self.lignes[:25]},
                titre=self.titre,
                identifiant=ident,
            )
        series = {
            nom: [ligne[i] or 0 for ligne in self.lignes]
            for i, nom in enumerate(self.colonnes[1:], start=1)
        }
        return graphiques.svg_courbes(
            series,
            abscisses=[str(ligne[0]) for ligne in self.lignes],
            titre=self.titre,
            identifiant=ident,
        )


@dataclass(frozen=True)
class Section:
    code: str
    titre: Any
    calculer: Callable[[Periode], list[Tableau]]
    ordre: int = 50
    description: Any = ""


SECTIONS: dict[str, Section] = {}


def section(*, code: str, titre, ordre: int = 50, description=""):
    """Déclare une section du tableau de bord (décorateur de ``(periode) -> list[Tableau]``)."""

    def enregistrer(fonction: Callable[[Periode], list[Tableau]]):
        SECTIONS[code] = Section(
            code=code, titre=titre, calculer=fonction, ordre=ordre, description=description
        )
        return fonction

    return enregistrer


def sections() -> list[Section]:
    return sorted(SECTIONS.values(), key=lambda s: (s.ordre, s.code))


def calculer(code: str, periode: Periode) -> list[Tableau] | None:
    """Les tableaux d'une section (None : section inconnue), identifiants des graphiques
    uniques dans la page."""
    section_ = SECTIONS.get(code)
    if section_ is None:
        return None
    tableaux = section_.calculer(periode)
    for rang, tableau in enumerate(tableaux, start=1):
        tableau.identifiant = f"graphique-{code}-{rang}"
    return tableaux


def par_mois(
    periode: Periode, lignes: Sequence[tuple], categories: Sequence[str]
) -> list[list[Any]]:
    """Des lignes ``(mois, catégorie, nombre)`` (résultat d'un ``GROUP BY``) → une ligne par
    mois de la période, une colonne par catégorie (zéro quand rien)."""
    grille = [[0] * len(categories) for _ in periode.mois]
    rangs = {c: i for i, c in enumerate(categories)}
    for moment, categorie, nombre in lignes:
        i = periode.index(moment)
        if i is not None and categorie in rangs:
            grille[i][rangs[categorie]] += nombre
    return [[libelle, *valeurs] for libelle, valeurs in zip(periode.libelles, grille, strict=True)]
