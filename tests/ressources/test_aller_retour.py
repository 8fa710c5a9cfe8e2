"""Aller-retour bibliographique (issue 13, « Evidence ») : BibTeX → import → BibTeX / RIS /
CSL-JSON → relus par des lecteurs indépendants (bibtexparser 2 avec décodage LaTeX, rispy,
json) : mêmes titres, mêmes auteurs avec leurs accents, mêmes années, mêmes DOI."""

import json

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylatexenc.latexencode import unicode_to_latex

from ressources import travaux
from ressources.biblio import normaliser
from ressources.models import TravailAcademique

LETTRES = "abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçœæÉÈÀÇÔÎñøåß"
PONCTUATION = " ,.:;!?()'&%$#_«»"

mot = st.text(alphabet=LETTRES, min_size=1, max_size=12)
nom_famille = st.builds(
    lambda initiale, reste: initiale.upper() + reste, st.sampled_from(LETTRES), mot
)
prenom = st.lists(mot.map(str.capitalize), min_size=1, max_size=2).map(" ".join)
titre = (
    st.text(
        alphabet=LETTRES + LETTRES.upper()[:26] + "0123456789" + PONCTUATION,
        min_size=3,
        max_size=80,
    )
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: len(normaliser(t)) >= 3)
)
doi = st.builds(
    lambda prefixe, suffixe: f"10.{prefixe}/{suffixe}",
    st.integers(min_value=1000, max_value=99999),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.-_", min_size=1, max_size=20),
)
notice = st.fixed_dictionaries(
    {
        "titre": titre,
        "auteurs": st.lists(st.tuples(nom_famille, prenom), min_size=1, max_size=4),
        "annee": st.integers(min_value=1900, max_value=2030),
        "doi": st.one_of(st.none(), doi),
        "type": st.sampled_from(["article", "book", "phdthesis", "techreport", "incollection"]),
        "latex": st.booleans(),
    }
)
notices = st.lists(
    notice,
    min_size=1,
    max_size=5,
    unique_by=(lambda n: normaliser(n["titre"]), lambda n: n["doi"] or id(n)),
)


def _echapper(texte: str, latex: bool) -> str:
    if latex:  # accents en commandes LaTeX ({\'e}, \c{c}…), comme beaucoup de fichiers réels
        return unicode_to_latex(texte, non_ascii_only=False, unknown_char_warning=False)
    speciaux = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_"}
    return "".join(speciaux.get(c, c) for c in texte)


def _bibtex(entrees) -> str:
    blocs = []
    for i, n in enumerate(entrees):
        auteurs = " and ".join(
            f"{_echapper(f, n['latex'])}, {_echapper(p, n['latex'])}" for f, p in n["auteurs"]
        )
        champs = [
            f"author = {{{auteurs}}}",
            f"title = {{{_echapper(n['titre'], n['latex'])}}}",
            f"year = {n['annee']}",
            "journal = {Revue}",
            "booktitle = {Ouvrage}",
        ]
        if n["doi"]:
            champs.append(f"doi = {{{n['doi']}}}")
        blocs.append(f"@{n['type']}{{cle{i},\n  " + ",\n  ".join(champs) + "\n}")
    return "\n\n".join(blocs)


def _attendu(entrees):
    return sorted(
        (n["titre"], [(f, p) for f, p in n["auteurs"]], n["annee"], n["doi"] or "") for n in entrees
    )


def _relire_bibtex(texte):
    bibliotheque = bibtexparser.parse_string(
        texte,
        append_middleware=[
            # Décodage avant le découpage des noms : les noms générés n'ont qu'un mot.
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    assert bibliotheque.failed_blocks == []
    # Un DOI n'est pas du texte LaTeX (« 10.1000/-- » reste tel quel, comme sous \\url) :
    # relu sans décodage.
    dois = {e.key: e["doi"] for e in bibtexparser.parse_string(texte).entries if "doi" in e}
    return sorted(
        (
            e["title"],
            [(" ".join(a.von + a.last), " ".join(a.first)) for a in e["author"]],
            int(e["year"]),
            dois.get(e.key, ""),
        )
        for e in bibliotheque.entries
    )


def _relire_ris(texte):
    return sorted(
        (
            r["title"],
            [tuple(x.strip() for x in a.split(",", 1)) for a in r["authors"]],
            int(r["year"]),
            r.get("doi", ""),
        )
        for r in rispy.loads(texte)
    )


def _relire_csl(texte):
    return sorted(
        (
            n["title"],
            [(a["family"], a["given"]) for a in n["author"]],
            n["issued"]["date-parts"][0][0],
            n.get("DOI", ""),
        )
        for n in json.loads(texte)
    )


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entrees=notices)
def test_aller_retour_bibtex_ris_csl(entrees):
    TravailAcademique.objects.all().delete()

    bilan = travaux.import_confirmer(texte=_bibtex(entrees))

    assert bilan.erreurs == [] and len(bilan.nouveaux) == len(entrees)
    importes = TravailAcademique.objects.order_by("pk")
    attendu = _attendu(entrees)
    assert _relire_bibtex(travaux.exporter(travaux=importes, format_="bib")) == attendu
    assert _relire_ris(travaux.exporter(travaux=importes, format_="ris")) == attendu
    assert _relire_csl(travaux.exporter(travaux=importes, format_="json")) == attendu
