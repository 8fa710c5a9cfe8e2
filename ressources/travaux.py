"""Travaux académiques : enregistrement depuis une notice CSL, import BibTeX / RIS avec
détection des doublons, exports.

Règles des doublons (issue 13) : une notice est un doublon d'un travail existant (ou d'une
notice plus haut dans le même fichier) quand elle a le même DOI **et** le même titre
normalisé, ou le même titre normalisé, la même année et le même premier auteur. Un même DOI
avec un titre différent est un **conflit** : rien n'est fusionné ni écrasé, la notice est
écartée et signalée. Un import ne modifie jamais un travail existant.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q

from . import biblio
from .models import TravailAcademique

logger = logging.getLogger(__name__)

NOUVEAU = "nouveau"
DOUBLON = "doublon"
CONFLIT = "conflit"


def champs_derives(csl: dict) -> dict:
    """Les colonnes de filtre et de dédoublonnage tirées de la notice CSL."""
    return {
        "type": biblio.type_depuis_csl(csl),
        "titre": csl.get("title", "")[:500],
        "annee": biblio.annee(csl),
        "doi": biblio.normaliser_doi(csl.get("DOI", "")),
        "hal": csl.get("archive_location", "")[:60] if csl.get("archive") == "HAL" else "",
        "titre_normalise": biblio.normaliser(csl.get("title", ""))[:500],
        "premier_auteur": biblio.premier_auteur(csl)[:200],
    }


def travail_enregistrer(
    *, csl: dict, travail: TravailAcademique | None = None, **metadonnees
) -> TravailAcademique:
    """Crée ou met à jour un travail depuis sa notice CSL (forme canonique) ; les colonnes
    dérivées suivent toujours la notice. ``metadonnees`` : ``programme_recherche``,
    ``equipe``, ``publie``."""
    travail = travail or TravailAcademique()
    travail.csl = csl
    for nom, valeur in {**champs_derives(csl), **metadonnees}.items():
        setattr(travail, nom, valeur)
    travail.save()
    return travail


# --- Import ------------------------------------------------------------------------------------


@dataclass
class LigneImport:
    libelle: str
    csl: dict
    statut: str = NOUVEAU
    message: str = ""
    travail: TravailAcademique | None = None

    @property
    def citation(self) -> str:
        return biblio.citation(self.csl)


@dataclass
class Bilan:
    lignes: list[LigneImport] = field(default_factory=list)
    erreurs: list[str] = field(default_factory=list)

    def _statut(self, statut: str) -> list[LigneImport]:
        return [ligne for ligne in self.lignes if ligne.statut == statut]

    @property
    def nouveaux(self) -> list[LigneImport]:
        return self._statut(NOUVEAU)

    @property
    def doublons(self) -> list[LigneImport]:
        return self._statut(DOUBLON)

    @property
    def conflits(self) -> list[LigneImport]:
        return self._statut(CONFLIT)


def _cle_identite(derives: dict) -> tuple:
    return (derives["titre_normalise"], derives["annee"], derives["premier_auteur"])


def import_analyser(*, texte: str) -> Bilan:
    """Lit le fichier (BibTeX ou RIS) et classe chaque notice : nouvelle, doublon ou conflit
    (deux requêtes, quel que soit le nombre de notices). N'écrit rien : c'est l'aperçu."""
    lecture = biblio.lire(texte)
    bilan = Bilan(erreurs=list(lecture.erreurs))
    derives = [champs_derives(n["csl"]) for n in lecture.notices]
    dois = {d["doi"] for d in derives if d["doi"]}
    titres = {d["titre_normalise"] for d in derives}
    existants = list(
        TravailAcademique.objects.filter(Q(doi__in=dois) | Q(titre_normalise__in=titres)).only(
            "pk", "titre", "annee", "doi", "titre_normalise", "premier_auteur"
        )
    )
    par_doi = {t.doi: t for t in existants if t.doi}
    par_identite = {_cle_identite(t.__dict__): t for t in existants}
    vus_doi: dict[str, LigneImport] = {}
    vus_identite: dict[tuple, LigneImport] = {}

    for notice, derive in zip(lecture.notices, derives, strict=True):
        ligne = LigneImport(libelle=notice["libelle"], csl=notice["csl"])
        identite = _cle_identite(derive)
        meme_doi = par_doi.get(derive["doi"]) if derive["doi"] else None
        meme_doi_fichier = vus_doi.get(derive["doi"]) if derive["doi"] else None
        if meme_doi is not None:
            _comparer_doi(ligne, derive, meme_doi.titre_normalise, f"« {meme_doi.titre} »")
            ligne.travail = meme_doi
        elif meme_doi_fichier is not None:
            titre_fichier = biblio.normaliser(meme_doi_fichier.csl.get("title", ""))
            _comparer_doi(ligne, derive, titre_fichier, meme_doi_fichier.libelle)
        elif identite in par_identite:
            ligne.travail = par_identite[identite]
            ligne.statut = DOUBLON
            ligne.message = (
                f"même titre, même année et même premier auteur que « {ligne.travail.titre} »"
            )
        elif identite in vus_identite:
            ligne.statut = DOUBLON
            ligne.message = (
                f"même titre, même année et même premier auteur que "
                f"{vus_identite[identite].libelle} plus haut dans le fichier"
            )
        if ligne.statut == NOUVEAU:
            if derive["doi"]:
                vus_doi[derive["doi"]] = ligne
            vus_identite[identite] = ligne
        bilan.lignes.append(ligne)
    return bilan


def _comparer_doi(ligne: LigneImport, derive: dict, titre_normalise: str, autre: str) -> None:
    if titre_normalise == derive["titre_normalise"]:
        ligne.statut = DOUBLON
        ligne.message = f"même DOI ({derive['doi']}) et même titre que {autre}"
    else:
        ligne.statut = CONFLIT
        ligne.message = (
            f"même DOI ({derive['doi']}) que {autre}, mais titre différent : rien n'est "
            "fusionné, vérifiez la notice"
        )


def import_confirmer(*, texte: str, **metadonnees) -> Bilan:
    """Importe les notices nouvelles du fichier ; doublons, conflits et entrées malformées
    sont écartés et rapportés. Chaque création a son point de sauvegarde : un import
    concurrent qui crée le même travail entre-temps en fait un doublon, pas une erreur."""
    bilan = import_analyser(texte=texte)
    for ligne in bilan.nouveaux:
        try:
            with transaction.atomic():
                ligne.travail = travail_enregistrer(csl=ligne.csl, **metadonnees)
        except IntegrityError:
            ligne.statut = DOUBLON
            ligne.message = "créé entre-temps par un autre import"
    logger.info(
        "Import de travaux : %d créés, %d doublons, %d conflits, %d erreurs.",
        len(bilan.nouveaux),
        len(bilan.doublons),
        len(bilan.conflits),
        len(bilan.erreurs),
    )
    return bilan


# --- Exports ------------------------------------------------------------------------------------

FORMATS_EXPORT = {
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


def exporter(*, travaux, format_: str) -> str:
    """Les travaux dans le format demandé (``bib``, ``ris`` ou ``json``)."""
    travaux = list(travaux)
    if format_ == "bib":
        return biblio.ecrire_bibtex([t.csl for t in travaux])
    if format_ == "ris":
        return biblio.ecrire_ris([t.csl for t in travaux])
    return biblio.ecrire_csl_json([(f"travail-{t.pk}", t.csl) for t in travaux])
