"""Notices bibliographiques : lecture BibTeX et RIS, écriture BibTeX, RIS et CSL-JSON,
citation en français. Pur : ni base de données ni requête.

La forme pivot est le CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/),
stocké tel quel dans ``TravailAcademique.csl`` : ``type``, ``title``, ``author`` (liste
ordonnée de ``{"family", "given"}`` ou ``{"literal"}`` pour une collectivité, plus
``affiliation``, propre à la plateforme), ``issued`` (``date-parts``), ``container-title``,
``volume``, ``issue``, ``page``, ``publisher``, ``publisher-place``, ``edition``, ``DOI``,
``URL``, ``abstract``, ``keyword``, ``language``, ``genre``, et ``archive`` /
``archive_location`` pour l'identifiant HAL.

BibTeX passe par bibtexparser 2 (découpage des blocs et des noms) ; les accents LaTeX
(``{\\'e}``, ``\\c{c}``…) sont décodés par pylatexenc, sauf dans ``doi`` et ``url`` qui sont
pris à la lettre. À l'écriture, le texte reste en UTF-8 et seuls les caractères spéciaux de
LaTeX sont protégés. RIS passe par rispy.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
import rispy
from bibtexparser.library import Library
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
)
from django.utils.html import format_html, format_html_join
from pylatexenc.latex2text import LatexNodes2Text

from .enums import TypeTravail

# --- Types ---------------------------------------------------------------------------------

# type de travail → (type CSL, genre CSL par défaut, type BibTeX, type RIS)
TYPES = {
    TypeTravail.ARTICLE: ("article-journal", "", "article", "JOUR"),
    TypeTravail.OUVRAGE: ("book", "", "book", "BOOK"),
    TypeTravail.CHAPITRE: ("chapter", "", "incollection", "CHAP"),
    TypeTravail.THESE: ("thesis", "Thèse de doctorat", "phdthesis", "THES"),
    TypeTravail.RAPPORT: ("report", "", "techreport", "RPRT"),
    TypeTravail.COMMUNICATION: ("paper-conference", "", "inproceedings", "CPAPER"),
    TypeTravail.MEMOIRE: ("thesis", "Mémoire", "mastersthesis", "THES"),
    TypeTravail.SUPPORT_COURS: ("document", "Support de cours", "misc", "GEN"),
}

TYPES_BIBTEX = {
    "article": TypeTravail.ARTICLE,
    "book": TypeTravail.OUVRAGE,
    "booklet": TypeTravail.OUVRAGE,
    "collection": TypeTravail.OUVRAGE,
    "incollection": TypeTravail.CHAPITRE,
    "inbook": TypeTravail.CHAPITRE,
    "phdthesis": TypeTravail.THESE,
    "mastersthesis": TypeTravail.MEMOIRE,
    "techreport": TypeTravail.RAPPORT,
    "report": TypeTravail.RAPPORT,
    "inproceedings": TypeTravail.COMMUNICATION,
    "conference": TypeTravail.COMMUNICATION,
}

TYPES_RIS = {
    "JOUR": TypeTravail.ARTICLE,
    "EJOUR": TypeTravail.ARTICLE,
    "MGZN": TypeTravail.ARTICLE,
    "BOOK": TypeTravail.OUVRAGE,
    "EBOOK": TypeTravail.OUVRAGE,
    "EDBOOK": TypeTravail.OUVRAGE,
    "CHAP": TypeTravail.CHAPITRE,
    "ECHAP": TypeTravail.CHAPITRE,
    "RPRT": TypeTravail.RAPPORT,
    "GOVDOC": TypeTravail.RAPPORT,
    "CPAPER": TypeTravail.COMMUNICATION,
    "CONF": TypeTravail.COMMUNICATION,
}

# Marqueurs d'un support de cours (@misc BibTeX, GEN / SLIDE RIS) et d'un mémoire (THES).
_COURS = re.compile(r"cours|lecture|slides?", re.IGNORECASE)
_MEMOIRE = re.compile(r"m[ée]moire|master", re.IGNORECASE)


def type_depuis_csl(csl: dict) -> str:
    """Le type de travail d'une notice CSL (le genre distingue thèse et mémoire)."""
    type_csl = csl.get("type", "")
    if type_csl == "thesis":
        return TypeTravail.MEMOIRE if _MEMOIRE.search(csl.get("genre", "")) else TypeTravail.THESE
    for type_travail, (code, _genre, _bib, _ris) in TYPES.items():
        if code == type_csl:
            return type_travail
    return TypeTravail.RAPPORT


# --- Normalisation -------------------------------------------------------------------------


def sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


def normaliser(texte: str) -> str:
    """Minuscules, sans accents ni ponctuation, espaces réduits : « Modèles socio-éco. » →
    « modeles socio eco »."""
    texte = sans_accents((texte or "").replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae"))
    texte = re.sub(r"[^0-9a-z]+", " ", texte.lower())
    return " ".join(texte.split())


_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def normaliser_doi(valeur: str) -> str:
    """``https://doi.org/10.1/ABC`` → ``10.1/abc`` (les DOI ne distinguent pas la casse)."""
    valeur = (valeur or "").strip()
    valeur = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", valeur, flags=re.IGNORECASE)
    return valeur.lower()


def doi_valide(valeur: str) -> bool:
    return bool(_DOI.match(valeur))


def annee(csl: dict) -> int | None:
    try:
        return int(csl["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def nom_famille(auteur: dict) -> str:
    return auteur.get("family") or auteur.get("literal") or ""


def premier_auteur(csl: dict) -> str:
    auteurs = csl.get("author") or []
    return normaliser(nom_famille(auteurs[0])) if auteurs else ""


# --- Erreurs de lecture ---------------------------------------------------------------------


class NoticeInvalide(ValueError):
    """Une entrée illisible ; le message, en français, dit ce qui ne va pas."""


@dataclass
class Lecture:
    """Résultat de la lecture d'un fichier : notices valides et entrées malformées."""

    notices: list[dict] = field(default_factory=list)  # {"csl", "libelle"}
    erreurs: list[str] = field(default_factory=list)


def _annee_valide(texte: str, libelle: str) -> int | None:
    texte = (texte or "").strip()
    if not texte:
        return None
    correspondance = re.match(r"^(\d{4})(?:[-/].*)?$", texte)
    if not correspondance or not 1000 <= int(correspondance.group(1)) <= 2100:
        raise NoticeInvalide(f"{libelle} : année illisible « {texte[:40]} »")
    return int(correspondance.group(1))


def _date_parts(annee_: int | None, mois: int | None = None, jour: int | None = None):
    if annee_ is None:
        return None
    parts = [annee_]
    if mois:
        parts.append(mois)
        if jour:
            parts.append(jour)
    return {"date-parts": [parts]}


def _nettoyer(csl: dict) -> dict:
    """Retire les valeurs vides ; espaces réduits dans les champs d'une ligne."""
    propre = {}
    for cle, valeur in csl.items():
        if isinstance(valeur, str):
            valeur = valeur.strip() if cle == "abstract" else " ".join(valeur.split())
        if valeur in ("", None, [], {}):
            continue
        propre[cle] = valeur
    return propre


def _valider(csl: dict, libelle: str) -> dict:
    if not csl.get("title"):
        raise NoticeInvalide(f"{libelle} : titre manquant")
    if "DOI" in csl:
        csl["DOI"] = normaliser_doi(csl["DOI"])
        if not doi_valide(csl["DOI"]):
            raise NoticeInvalide(f"{libelle} : DOI invalide « {csl['DOI'][:80]} »")
    if "URL" in csl and not re.match(r"^https?://\S+$", csl["URL"], re.IGNORECASE):
        raise NoticeInvalide(f"{libelle} : adresse invalide « {csl['URL'][:80]} » (http ou https)")
    return csl


# --- BibTeX : lecture -----------------------------------------------------------------------

_DECODEUR = LatexNodes2Text(
    math_mode="verbatim", keep_braced_groups=False, strict_latex_spaces=True
)
# Pour les noms : accolades gardées (« {Le RAMEAU} » reste un seul nom), retirées après découpe.
_DECODEUR_NOMS = LatexNodes2Text(
    math_mode="verbatim", keep_braced_groups=True, strict_latex_spaces=True
)
_BRUTS = {"doi", "url"}
_MOIS = {
    nom: numero
    for numero, noms in enumerate(
        [
            ("jan", "janvier", "january"),
            ("feb", "fev", "février", "fevrier", "february"),
            ("mar", "mars", "march"),
            ("apr", "avr", "avril", "april"),
            ("may", "mai"),
            ("jun", "juin", "june"),
            ("jul", "juil", "juillet", "july"),
            ("aug", "aou", "août", "aout", "august"),
            ("sep", "sept", "septembre", "september"),
            ("oct", "octobre", "october"),
            ("nov", "novembre", "november"),
            ("dec", "déc", "décembre", "decembre", "december"),
        ],
        start=1,
    )
    for nom in noms
}


def _decoder(valeur: str) -> str:
    if "\\" not in valeur and "{" not in valeur and "~" not in valeur and "%" not in valeur:
        return valeur
    try:
        return _DECODEUR.latex_to_text(valeur)
    except Exception:  # noqa: BLE001 — texte rendu tel quel plutôt que perdu
        return valeur


def _brut(valeur: str) -> str:
    return re.sub(r"\\([_%&#$])", r"\1", valeur.replace("{", "").replace("}", "")).strip()


def _mois(valeur: str) -> int | None:
    valeur = valeur.strip().lower().rstrip(".")
    if valeur.isdigit() and 1 <= int(valeur) <= 12:
        return int(valeur)
    return _MOIS.get(valeur)


def _sans_accolades(morceaux: list[str]) -> str:
    return " ".join(m.replace("{", "").replace("}", "") for m in morceaux).strip()


def _personnes(texte: str, libelle: str) -> list[dict]:
    """Les personnes d'un champ ``author`` / ``editor`` : LaTeX décodé d'abord (« \\~N »
    contient un « ~ », qui sépare les mots d'un nom BibTeX), puis découpe de bibtexparser."""
    if not texte:
        return []
    try:
        decode = _DECODEUR_NOMS.latex_to_text(texte) if "\\" in texte else texte
        noms = [parse_single_name_into_parts(n) for n in split_multiple_persons_names(decode)]
    except (InvalidNameError, Exception) as exc:  # noqa: BLE001
        raise NoticeInvalide(f"{libelle} : liste de noms illisible « {texte[:60]} »") from exc
    personnes = []
    for parts in noms:
        famille = _sans_accolades([*parts.von, *parts.last])
        prenom = _sans_accolades(parts.first)
        suffixe = _sans_accolades(parts.jr)
        if not prenom and " " in famille and not parts.von:
            personne = {"literal": famille}
        else:
            personne = {"family": famille, "given": prenom}
            if suffixe:
                personne["suffix"] = suffixe
        personnes.append({k: v for k, v in personne.items() if v})
    return personnes


def _libelle_bibtex(cle: str, ligne: int | None) -> str:
    position = f" (ligne {ligne + 1})" if ligne is not None else ""
    return f"entrée « {cle} »{position}" if cle else f"entrée{position}"


def _entree_vers_csl(entree: Entry) -> dict:
    libelle = _libelle_bibtex(entree.key, entree.start_line)
    champs = {}
    for champ in entree.fields:
        cle = champ.key.lower()
        valeur = champ.value
        if cle in ("author", "editor"):
            champs[cle] = valeur
        else:
            champs[cle] = _brut(valeur) if cle in _BRUTS else _decoder(valeur)
    type_bibtex = entree.entry_type.lower()
    type_travail = TYPES_BIBTEX.get(type_bibtex)
    if type_bibtex in ("misc", "unpublished", "online", "manual") and _COURS.search(
        " ".join(str(champs.get(c, "")) for c in ("type", "howpublished", "note"))
    ):
        type_travail = TypeTravail.SUPPORT_COURS
    if type_travail is None:
        raise NoticeInvalide(
            f"{libelle} : type « @{entree.entry_type} » non pris en charge (article, book, "
            "incollection, phdthesis, mastersthesis, techreport, inproceedings, ou misc avec "
            "type = {Support de cours})"
        )
    type_csl, genre, _bib, _ris = TYPES[type_travail]

    date = champs.get("date", "")
    annee_ = _annee_valide(champs.get("year") or date, libelle)
    mois = _mois(champs.get("month", "")) if champs.get("month") else None
    jour = None
    if date and (m := re.match(r"^\d{4}-(\d{2})(?:-(\d{2}))?", date)):
        mois = mois or int(m.group(1))
        jour = int(m.group(2)) if m.group(2) else None

    conteneur = ""
    if type_travail == TypeTravail.ARTICLE:
        conteneur = champs.get("journal") or champs.get("journaltitle", "")
    elif type_travail in (TypeTravail.CHAPITRE, TypeTravail.COMMUNICATION):
        conteneur = champs.get("booktitle", "")
    editeur = (
        champs.get("publisher")
        or champs.get("school")
        or champs.get("institution")
        or champs.get("organization", "")
    )
    mots_cles = champs.get("keywords", "")
    csl = {
        "type": type_csl,
        "title": champs.get("title", ""),
        "author": _personnes(champs.get("author", ""), libelle),
        "editor": _personnes(champs.get("editor", ""), libelle),
        "issued": _date_parts(annee_, mois, jour),
        "container-title": conteneur,
        "volume": champs.get("volume", ""),
        "issue": champs.get("number") or champs.get("issue", ""),
        "page": champs.get("pages", "").replace("--", "-").replace("–", "-"),
        "publisher": editeur,
        "publisher-place": champs.get("address") or champs.get("location", ""),
        "edition": champs.get("edition", ""),
        "DOI": champs.get("doi", ""),
        "URL": champs.get("url", ""),
        "abstract": champs.get("abstract", ""),
        "keyword": ", ".join(m.strip() for m in re.split(r"[;,]", mots_cles) if m.strip()),
        "language": champs.get("language") or champs.get("langid", ""),
        "genre": champs.get("type") if type_travail != TypeTravail.SUPPORT_COURS else genre,
        "archive": "HAL" if champs.get("hal_id") else "",
        "archive_location": champs.get("hal_id", ""),
    }
    if not csl["genre"]:
        csl["genre"] = genre
    return _valider(_nettoyer(csl), libelle)


def _echec_bibtex(bloc: ParsingFailedBlock) -> str:
    cle = ""
    if isinstance(bloc, DuplicateBlockKeyBlock):
        return (
            f"{_libelle_bibtex(bloc.key, bloc.start_line)} : clé déjà utilisée plus haut dans "
            "le fichier"
        )
    if isinstance(bloc, DuplicateFieldKeyBlock):
        cle = bloc.ignore_error_block.key if bloc.ignore_error_block is not None else ""
        champs = ", ".join(sorted(bloc.duplicate_keys))
        return f"{_libelle_bibtex(cle, bloc.start_line)} : champ répété ({champs})"
    if m := re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)\s*,", bloc.raw or ""):
        cle = m.group(1)
    return (
        f"{_libelle_bibtex(cle, bloc.start_line)} : syntaxe BibTeX invalide (accolade ou "
        "guillemet non fermé, virgule manquante…)"
    )


def lire_bibtex(texte: str) -> Lecture:
    """Lit un fichier BibTeX : chaque entrée valide devient une notice CSL, chaque entrée
    malformée une erreur nommée (clé et ligne)."""
    bibliotheque: Library = bibtexparser.parse_string(texte)
    lecture = Lecture()
    echecs = sorted(bibliotheque.failed_blocks, key=lambda b: b.start_line or 0)
    lecture.erreurs.extend(_echec_bibtex(bloc) for bloc in echecs)
    for entree in bibliotheque.entries:
        try:
            csl = _entree_vers_csl(entree)
        except NoticeInvalide as exc:
            lecture.erreurs.append(str(exc))
            continue
        except Exception:  # noqa: BLE001 — une entrée qui casse le lecteur n'arrête pas le lot
            lecture.erreurs.append(
                f"{_libelle_bibtex(entree.key, entree.start_line)} : entrée illisible"
            )
            continue
        lecture.notices.append(
            {"csl": csl, "libelle": _libelle_bibtex(entree.key, entree.start_line)}
        )
    return lecture


# --- RIS : lecture --------------------------------------------------------------------------

_DEBUT_RIS = re.compile(r"^TY  -", re.MULTILINE)
_FIN_RIS = re.compile(r"^ER  -", re.MULTILINE)


def _personne_ris(nom: str) -> dict:
    famille, virgule, reste = nom.partition(",")
    if not virgule:
        famille = famille.strip()
        return {"literal": famille} if " " in famille else {"family": famille}
    prenom, _virgule, suffixe = reste.partition(",")
    personne = {"family": famille.strip(), "given": prenom.strip(), "suffix": suffixe.strip()}
    return {k: v for k, v in personne.items() if v}


def _date_ris(texte: str, libelle: str):
    texte = (texte or "").strip()
    if not texte:
        return None
    morceaux = texte.split("/")
    annee_ = _annee_valide(morceaux[0], libelle)
    mois = int(morceaux[1]) if len(morceaux) > 1 and morceaux[1].isdigit() else None
    jour = int(morceaux[2]) if len(morceaux) > 2 and morceaux[2].isdigit() else None
    return _date_parts(annee_, mois if mois and mois <= 12 else None, jour)


def _reference_vers_csl(ref: dict, libelle: str) -> dict:
    type_ris = (ref.get("type_of_reference") or "").strip().upper()
    genre = ref.get("type_of_work", "")
    type_travail = TYPES_RIS.get(type_ris)
    if type_ris == "THES":
        type_travail = TypeTravail.MEMOIRE if _MEMOIRE.search(genre) else TypeTravail.THESE
    elif type_ris in ("GEN", "SLIDE", "UNPB") and (_COURS.search(genre) or type_ris == "SLIDE"):
        type_travail = TypeTravail.SUPPORT_COURS
    if type_travail is None:
        raise NoticeInvalide(
            f"{libelle} : type « TY  - {type_ris} » non pris en charge (JOUR, BOOK, CHAP, "
            "THES, RPRT, CPAPER, ou GEN avec M3  - Support de cours)"
        )
    type_csl, genre_defaut, _bib, _ris = TYPES[type_travail]
    auteurs = [*ref.get("authors", []), *ref.get("first_authors", [])]
    issued = _date_ris(ref.get("date", ""), libelle) if ref.get("date") else None
    if issued is None:
        issued = _date_ris(ref.get("year") or ref.get("publication_year", ""), libelle)
    debut, fin = ref.get("start_page", ""), ref.get("end_page", "")
    urls = ref.get("urls") or []
    conteneur = (
        ref.get("secondary_title")
        or ref.get("journal_name")
        or ref.get("alternate_title3")
        or ref.get("alternate_title1")
        or ref.get("alternate_title2", "")
    )
    csl = {
        "type": type_csl,
        "title": ref.get("title") or ref.get("primary_title", ""),
        "author": [_personne_ris(a) for a in auteurs if a.strip()],
        "editor": [_personne_ris(a) for a in ref.get("secondary_authors", []) if a.strip()]
        if type_travail == TypeTravail.CHAPITRE
        else [],
        "issued": issued,
        "container-title": conteneur if type_travail not in (TypeTravail.OUVRAGE,) else "",
        "volume": ref.get("volume", ""),
        "issue": ref.get("number", ""),
        "page": f"{debut}-{fin}" if debut and fin else debut,
        "publisher": ref.get("publisher", ""),
        "publisher-place": ref.get("place_published", ""),
        "edition": ref.get("edition", ""),
        "DOI": ref.get("doi", ""),
        "URL": urls[0] if urls else "",
        "abstract": ref.get("abstract") or ref.get("notes_abstract", ""),
        "keyword": ", ".join(k.strip() for k in ref.get("keywords", []) if k.strip()),
        "language": ref.get("language", ""),
        "genre": genre or genre_defaut,
        "archive": "HAL" if ref.get("accession_number") else "",
        "archive_location": ref.get("accession_number", ""),
    }
    return _valider(_nettoyer(csl), libelle)


def lire_ris(texte: str) -> Lecture:
    """Lit un fichier RIS, référence par référence (de ``TY`` à ``ER``) : une référence sans
    ``ER`` final ou sans titre est une erreur nommée (numéro et ligne)."""
    lecture = Lecture()
    texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    debuts = [m.start() for m in _DEBUT_RIS.finditer(texte)]
    if not debuts and texte.strip():
        lecture.erreurs.append("aucune référence RIS (ligne « TY  - … ») dans le fichier")
    for numero, debut in enumerate(debuts, start=1):
        fin = debuts[numero] if numero < len(debuts) else len(texte)
        morceau = texte[debut:fin]
        ligne = texte.count("\n", 0, debut) + 1
        titre = re.search(r"^(?:TI|T1)  - (.*)$", morceau, re.MULTILINE)
        libelle = f"référence n° {numero} (ligne {ligne})"
        if titre:
            libelle += f" « {titre.group(1).strip()[:60]} »"
        if not _FIN_RIS.search(morceau):
            lecture.erreurs.append(f"{libelle} : ligne de fin « ER  - » manquante")
            continue
        try:
            references = rispy.loads(morceau)
            if len(references) != 1:
                raise NoticeInvalide(f"{libelle} : référence illisible")
            csl = _reference_vers_csl(references[0], libelle)
        except NoticeInvalide as exc:
            lecture.erreurs.append(str(exc))
            continue
        except Exception:  # noqa: BLE001
            lecture.erreurs.append(f"{libelle} : référence illisible")
            continue
        lecture.notices.append({"csl": csl, "libelle": libelle})
    return lecture


def lire(texte: str) -> Lecture:
    """BibTeX ou RIS, reconnu au contenu."""
    if _DEBUT_RIS.search(texte) and not re.search(r"^\s*@\w+\s*[{(]", texte, re.MULTILINE):
        return lire_ris(texte)
    return lire_bibtex(texte)


# --- Écriture --------------------------------------------------------------------------------

_SPECIAUX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAUX_RE = re.compile("|".join(re.escape(c) for c in _SPECIAUX))


def echapper_latex(texte: str) -> str:
    """Protège les caractères spéciaux de LaTeX ; les accents restent en UTF-8."""
    return _SPECIAUX_RE.sub(lambda m: _SPECIAUX[m.group(0)], texte)


def _nom_bibtex(personne: dict) -> str:
    if personne.get("literal"):
        return "{" + echapper_latex(personne["literal"]) + "}"
    famille = echapper_latex(personne.get("family", ""))
    # Un nom de famille composé de plusieurs mots sans particule reste groupé.
    if " " in famille and not re.match(r"^(de|du|des|d'|van|von|der|le|la)\b", famille):
        famille = "{" + famille + "}"
    morceaux = [famille]
    if personne.get("suffix"):
        morceaux.append(echapper_latex(personne["suffix"]))
    if personne.get("given"):
        morceaux.append(echapper_latex(personne["given"]))
    return ", ".join(morceaux)


def _cle(csl: dict, deja: set[str]) -> str:
    auteur = (normaliser(nom_famille((csl.get("author") or [{}])[0])).split() or ["anonyme"])[-1]
    mot = next((m for m in normaliser(csl.get("title", "")).split() if len(m) > 3), "travail")
    base = f"{auteur}{annee(csl) or ''}{mot}"
    cle, suffixe = base, 0
    while cle in deja:
        suffixe += 1
        cle = f"{base}{chr(ord('a') + suffixe - 1) if suffixe <= 26 else suffixe}"
    deja.add(cle)
    return cle


def _travail_csl(csl: dict) -> str:
    return type_depuis_csl(csl)


def ecrire_bibtex(notices: list[dict]) -> str:
    """Un fichier BibTeX (UTF-8) écrit par bibtexparser 2."""
    bibliotheque = Library()
    deja: set[str] = set()
    for csl in notices:
        type_travail = _travail_csl(csl)
        _csl, genre_defaut, type_bibtex, _ris = TYPES[type_travail]
        issued = (csl.get("issued") or {}).get("date-parts", [[]])[0]
        champs: list[tuple[str, str]] = []

        def ajouter(cle: str, valeur, *, brut: bool = False, champs=champs):
            if valeur:
                champs.append((cle, str(valeur) if brut else echapper_latex(str(valeur))))

        if csl.get("author"):
            champs.append(("author", " and ".join(_nom_bibtex(p) for p in csl["author"])))
        if csl.get("editor"):
            champs.append(("editor", " and ".join(_nom_bibtex(p) for p in csl["editor"])))
        # Accolades doubles : les styles BibTeX ne changent pas la casse du titre.
        champs.append(("title", "{" + echapper_latex(csl.get("title", "")) + "}"))
        conteneur = {
            TypeTravail.ARTICLE: "journal",
            TypeTravail.CHAPITRE: "booktitle",
            TypeTravail.COMMUNICATION: "booktitle",
        }.get(type_travail)
        if conteneur:
            ajouter(conteneur, csl.get("container-title"))
        ajouter("year", issued[0] if issued else "", brut=True)
        ajouter("month", issued[1] if len(issued) > 1 else "", brut=True)
        ajouter("volume", csl.get("volume"))
        ajouter("number", csl.get("issue"))
        ajouter("pages", (csl.get("page") or "").replace("-", "--"))
        editeur = {
            TypeTravail.THESE: "school",
            TypeTravail.MEMOIRE: "school",
            TypeTravail.RAPPORT: "institution",
        }.get(type_travail, "publisher")
        ajouter(editeur, csl.get("publisher"))
        ajouter("address", csl.get("publisher-place"))
        ajouter("edition", csl.get("edition"))
        genre = csl.get("genre", "")
        if genre and (genre != genre_defaut or type_travail == TypeTravail.SUPPORT_COURS):
            ajouter("type", genre)
        ajouter("doi", csl.get("DOI"), brut=True)
        ajouter("url", csl.get("URL"), brut=True)
        if csl.get("archive") == "HAL":
            ajouter("hal_id", csl.get("archive_location"), brut=True)
        ajouter("abstract", csl.get("abstract"))
        ajouter("keywords", csl.get("keyword"))
        ajouter("language", csl.get("language"))
        entree = Entry(
            entry_type=type_bibtex,
            key=_cle(csl, deja),
            fields=[Field(cle, valeur) for cle, valeur in champs],
        )
        bibliotheque.add(entree)
    return bibtexparser.write_string(bibliotheque)


def ecrire_ris(notices: list[dict]) -> str:
    """Un fichier RIS écrit par rispy."""
    references = []
    for csl in notices:
        type_travail = _travail_csl(csl)
        _csl, _genre, _bib, type_ris = TYPES[type_travail]
        issued = (csl.get("issued") or {}).get("date-parts", [[]])[0]
        page = csl.get("page", "")
        debut, _tiret, fin = page.partition("-")
        ref = {
            "type_of_reference": type_ris,
            "title": csl.get("title", ""),
            "authors": [
                p.get("literal")
                or ", ".join(x for x in (p.get("family"), p.get("given"), p.get("suffix")) if x)
                for p in csl.get("author", [])
            ],
            "secondary_authors": [
                p.get("literal") or ", ".join(x for x in (p.get("family"), p.get("given")) if x)
                for p in csl.get("editor", [])
            ],
            "year": str(issued[0]) if issued else "",
            "date": "/".join(str(x).zfill(2) for x in issued) if len(issued) > 1 else "",
            "secondary_title": csl.get("container-title", ""),
            "volume": csl.get("volume", ""),
            "number": csl.get("issue", ""),
            "start_page": debut,
            "end_page": fin,
            "publisher": csl.get("publisher", ""),
            "place_published": csl.get("publisher-place", ""),
            "edition": csl.get("edition", ""),
            "doi": csl.get("DOI", ""),
            "urls": [csl["URL"]] if csl.get("URL") else [],
            "abstract": " ".join((csl.get("abstract") or "").split()),
            "keywords": [k.strip() for k in (csl.get("keyword") or "").split(",") if k.strip()],
            "language": csl.get("language", ""),
            "type_of_work": csl.get("genre", ""),
            "accession_number": csl.get("archive_location", "")
            if csl.get("archive") == "HAL"
            else "",
        }
        references.append({k: v for k, v in ref.items() if v})
    return rispy.dumps(references)


def en_csl_public(csl: dict, *, identifiant: str) -> dict:
    """La notice exportée : CSL-JSON standard (sans l'affiliation, propre à la plateforme)."""
    public = {k: v for k, v in csl.items() if k not in ("author", "editor")}
    public["id"] = identifiant
    for role in ("author", "editor"):
        if csl.get(role):
            public[role] = [{k: v for k, v in p.items() if k != "affiliation"} for p in csl[role]]
    return public


def ecrire_csl_json(notices: list[tuple[str, dict]]) -> str:
    return json.dumps(
        [en_csl_public(csl, identifiant=ident) for ident, csl in notices],
        ensure_ascii=False,
        indent=2,
    )


# --- Citation en français ---------------------------------------------------------------------


def _nom_cite(personne: dict) -> str:
    if personne.get("literal"):
        return personne["literal"]
    famille = personne.get("family", "").upper()
    prenom = personne.get("given", "")
    return f"{famille}, {prenom}" if prenom else famille


def auteurs_cites(personnes: list[dict]) -> str:
    """« NOM, Prénom », « NOM, Prénom et NOM2, Prénom2 », au-delà de trois « NOM, Prénom et
    al. » (usage ISO 690)."""
    if not personnes:
        return ""
    if len(personnes) > 3:
        return f"{_nom_cite(personnes[0])} et al."
    noms = [_nom_cite(p) for p in personnes]
    return noms[0] if len(noms) == 1 else ", ".join(noms[:-1]) + " et " + noms[-1]


def citation(csl: dict, *, html: bool = True) -> str:
    """La citation d'une notice en français (d'après ISO 690), en HTML (titre de l'ouvrage
    ou de la revue dans ``<cite>``) ou en texte brut. Tout le texte de la notice est échappé.

    Exemples : « TCHERNONOG, Viviane et PROUTEAU, Lionel. *Le paysage associatif français*.
    3e éd. Paris : Dalloz, 2019. » ; « NOM, Prénom. Titre. *Revue*, 2019, vol. 4, n° 2,
    p. 45-67. »
    """
    type_travail = type_depuis_csl(csl)
    issued = (csl.get("issued") or {}).get("date-parts", [[]])[0]
    an = str(issued[0]) if issued else "s. d."
    titre = csl.get("title", "")
    conteneur = csl.get("container-title", "")
    auteurs = auteurs_cites(csl.get("author", []))
    edition = csl.get("edition", "")
    if str(edition).isdigit():
        edition = f"{edition}e éd." if int(edition) > 1 else ""
    lieu_editeur = " : ".join(x for x in (csl.get("publisher-place"), csl.get("publisher")) if x)
    pages = f"p. {csl['page']}" if csl.get("page") else ""
    doi = f"DOI : {csl['DOI']}" if csl.get("DOI") else ""

    # Segments (texte avant, texte en italique, texte après), joints par « . ».
    segments: list[tuple[str, str, str]] = [(auteurs, "", "")]
    if type_travail == TypeTravail.ARTICLE:
        details = ", ".join(
            x
            for x in (
                an,
                f"vol. {csl['volume']}" if csl.get("volume") else "",
                f"n° {csl['issue']}" if csl.get("issue") else "",
                pages,
            )
            if x
        )
        segments += [(titre, "", ""), ("", conteneur, f", {details}" if conteneur else details)]
    elif type_travail in (TypeTravail.CHAPITRE, TypeTravail.COMMUNICATION):
        directeurs = auteurs_cites(csl.get("editor", []))
        dans = "In : " + (f"{directeurs} (dir.), " if directeurs else "")
        segments += [
            (titre, "", ""),
            (dans, conteneur, "") if conteneur else ("", "", ""),
            (", ".join(x for x in (lieu_editeur, an, pages) if x), "", ""),
        ]
    elif type_travail in (TypeTravail.THESE, TypeTravail.MEMOIRE):
        nature = " : ".join(x for x in (csl.get("genre", ""), csl.get("publisher", "")) if x)
        segments += [("", titre, ""), (", ".join(x for x in (nature, an) if x), "", "")]
    else:
        segments += [
            ("", titre, ""),
            (edition, "", ""),
            (", ".join(x for x in (lieu_editeur, an) if x), "", ""),
        ]
    segments.append((doi, "", ""))
    segments = [s for s in segments if any(s)]
    morceaux = []
    for numero, (avant, italique, apres) in enumerate(segments):
        fin = (apres or italique or avant).rstrip()
        # Pas de point après « et al. », « 3e éd. » ou un titre qui finit par « ? ».
        point = "" if fin.endswith((".", "?", "!")) else "."
        espace = " " if numero < len(segments) - 1 else ""
        if html:
            italique = format_html("<cite>{}</cite>", italique) if italique else ""
            morceaux.append(format_html("{}{}{}{}{}", avant, italique, apres, point, espace))
        else:
            morceaux.append(f"{avant}{italique}{apres}{point}{espace}")
    return format_html_join("", "{}", ((m,) for m in morceaux)) if html else "".join(morceaux)


# --- Saisie dans l'administration ---------------------------------------------------------------


def personnes_en_lignes(personnes: list[dict]) -> str:
    """« Nom, Prénom | affiliation », une personne par ligne (une collectivité : son nom)."""
    lignes = []
    for p in personnes:
        nom = p.get("literal") or ", ".join(x for x in (p.get("family"), p.get("given")) if x)
        lignes.append(f"{nom} | {p['affiliation']}" if p.get("affiliation") else nom)
    return "\n".join(lignes)


def personnes_depuis_lignes(texte: str) -> list[dict]:
    personnes = []
    for ligne in (texte or "").splitlines():
        nom, _barre, affiliation = ligne.partition("|")
        if not nom.strip():
            continue
        personne = _personne_ris(nom.strip())
        if affiliation.strip():
            personne["affiliation"] = " ".join(affiliation.split())
        personnes.append(personne)
    return personnes


def csl_depuis_champs(donnees: dict, *, base: dict | None = None) -> dict:
    """La notice CSL d'un formulaire de saisie ; les clés CSL que le formulaire ne montre pas
    (``base``, notice importée) sont gardées."""
    type_csl, genre_defaut, _bib, _ris = TYPES[donnees["type"]]
    csl = dict(base or {})
    csl.update(
        {
            "type": type_csl,
            "title": donnees["titre"],
            "author": personnes_depuis_lignes(donnees.get("auteurs", "")),
            "editor": personnes_depuis_lignes(donnees.get("directeurs", "")),
            "issued": _date_parts(donnees.get("annee"), donnees.get("mois")),
            "container-title": donnees.get("conteneur", ""),
            "volume": donnees.get("volume", ""),
            "issue": donnees.get("numero", ""),
            "page": donnees.get("pages", ""),
            "publisher": donnees.get("editeur", ""),
            "publisher-place": donnees.get("lieu", ""),
            "edition": donnees.get("edition", ""),
            "DOI": normaliser_doi(donnees.get("doi", "")),
            "URL": donnees.get("url", ""),
            "abstract": donnees.get("resume", ""),
            "keyword": donnees.get("mots_cles", ""),
            "language": donnees.get("langue", ""),
            "genre": donnees.get("genre") or genre_defaut,
            "archive": "HAL" if donnees.get("hal") else "",
            "archive_location": donnees.get("hal", ""),
        }
    )
    return _nettoyer(csl)


def champs_depuis_csl(csl: dict) -> dict:
    issued = (csl.get("issued") or {}).get("date-parts", [[]])[0]
    return {
        "type": type_depuis_csl(csl) if csl else TypeTravail.ARTICLE,
        "titre": csl.get("title", ""),
        "auteurs": personnes_en_lignes(csl.get("author", [])),
        "directeurs": personnes_en_lignes(csl.get("editor", [])),
        "annee": issued[0] if issued else None,
        "mois": issued[1] if len(issued) > 1 else None,
        "conteneur": csl.get("container-title", ""),
        "volume": csl.get("volume", ""),
        "numero": csl.get("issue", ""),
        "pages": csl.get("page", ""),
        "editeur": csl.get("publisher", ""),
        "lieu": csl.get("publisher-place", ""),
        "edition": csl.get("edition", ""),
        "genre": csl.get("genre", ""),
        "doi": csl.get("DOI", ""),
        "hal": csl.get("archive_location", "") if csl.get("archive") == "HAL" else "",
        "url": csl.get("URL", ""),
        "resume": csl.get("abstract", ""),
        "mots_cles": csl.get("keyword", ""),
        "langue": csl.get("language", ""),
    }
