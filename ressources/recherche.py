"""Recherche plein texte en français : le registre des indexeurs, l'index et les requêtes.

**Registre.** ``ressources`` ne connaît pas les applications du dessus : chacune déclare, depuis
son ``AppConfig.ready()``, un :class:`Indexeur` par genre d'objet (webinaire, session, module
de formation, numéro de lettre…) avec :func:`indexeur`. Un indexeur dit quel modèle il suit,
comment tirer les :class:`Document` publics d'une liste d'identifiants (ou de tous), et quels
modèles liés (temps d'un webinaire, intervenants…) doivent réindexer leur objet parent.

**Index.** Une ligne :class:`~ressources.models.DocumentRecherche` par objet public, écrite
dans la même transaction que l'objet (signaux ``post_save``, ``post_delete``,
``m2m_changed``) ; ``python manage.py reindexer`` reconstruit tout (après un
``QuerySet.update`` ou un chargement en masse, qui n'émettent pas de signal).

**Requêtes.** Sous PostgreSQL : ``websearch_to_tsquery`` en configuration ``fr_unaccent``
(accents et casse ignorés, racinisation française) sur le vecteur généré et son index GIN,
ou similarité de trigrammes sur le titre et les noms (fautes de frappe), classement
``ts_rank`` + similarité, extraits surlignés par ``ts_headline``. Sous SQLite (``make run``) :
chaque mot, sans accents ni marque du pluriel, doit figurer dans le texte normalisé.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .biblio import normaliser
from .models import DocumentRecherche
from .recherche_sql import CONFIGURATION

logger = logging.getLogger(__name__)

# Marques de surlignage (caractères d'usage privé, retirés du texte indexé) : le texte est
# échappé, puis seules ces marques deviennent <mark>.
DEBUT, FIN = "\ue000", "\ue001"
LONGUEUR_MAX_REQUETE = 200
PAR_PAGE = 20
# Au-delà, une requête trop vague n'est classée que parmi les premiers documents qu'elle trouve
# (classer des dizaines de milliers de vecteurs coûte des secondes) ; la page invite à
# préciser la recherche.
LIMITE_CANDIDATS = 500
# En dessous de ce nombre de documents contenant les mots, la recherche tolère les fautes de
# frappe (trigrammes des titres et des noms) ; au-delà, les mots suffisent.
SEUIL_TOLERANCE = 10


# --- Registre ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    objet_id: Any
    titre: str
    url: str
    texte: str = ""
    noms: Iterable[str] = ()  # auteurs, intervenants : tolérance aux fautes
    modeles: Iterable[str] = ()  # codes M1 à M7
    formats: Iterable[str] = ()  # slugs des formats
    annee: int | None = None


@dataclass(frozen=True)
class Indexeur:
    genre: str
    libelle: Any
    modele: str  # « app_label.modelname »
    # (identifiants en texte, ou None pour tous) -> documents des objets publics
    documents: Callable[[list[str] | None], Iterable[Document]]
    # « app_label.modelname » d'un modèle lié -> (instance) -> identifiants des objets à réindexer
    declencheurs: dict[str, Callable[[Any], Iterable[Any]]] = field(default_factory=dict)
    ordre: int = 100


INDEXEURS: dict[str, Indexeur] = {}


def indexeur(**kwargs) -> Indexeur:
    """Déclare (ou remplace) l'indexeur d'un genre d'objet."""
    objet = Indexeur(**kwargs)
    INDEXEURS[objet.genre] = objet
    return objet


def genres() -> list[Indexeur]:
    return sorted(INDEXEURS.values(), key=lambda i: (i.ordre, i.genre))


def libelle_genre(genre: str) -> str:
    indexeur_ = INDEXEURS.get(genre)
    return str(indexeur_.libelle) if indexeur_ else genre


# --- Écriture de l'index -------------------------------------------------------------------------

_MARQUES = re.compile(f"[{DEBUT}{FIN}\x00]")


def _ligne(genre: str, document: Document) -> DocumentRecherche:
    titre = _MARQUES.sub("", " ".join(document.titre.split()))[:300]
    texte = _MARQUES.sub("", document.texte or "")
    noms = " ".join(document.noms)
    return DocumentRecherche(
        genre=genre,
        objet_id=str(document.objet_id),
        titre=titre,
        texte=texte,
        url=document.url[:500],
        modeles="".join(f"|{m}|" for m in sorted(set(document.modeles))),
        formats="".join(f"|{f}|" for f in sorted(set(document.formats)))[:300],
        annee=document.annee,
        titre_normalise=normaliser(f"{titre} {noms}"),
        contenu_normalise=normaliser(f"{titre} {noms} {texte}"),
    )


CHAMPS = ["titre", "texte", "url", "modeles", "formats", "annee", "titre_normalise",
          "contenu_normalise", "modifie_le"]  # fmt: skip


def _ecrire(lignes: list[DocumentRecherche]) -> None:
    if lignes:
        DocumentRecherche.objects.bulk_create(
            lignes,
            update_conflicts=True,
            unique_fields=["genre", "objet_id"],
            update_fields=CHAMPS,
            batch_size=1000,
        )


def indexer(*, genre: str, ids: Iterable[Any]) -> int:
    """Réindexe ces objets : les publics sont écrits, les autres (supprimés, dépubliés)
    retirés de l'index."""
    ids = sorted({str(i) for i in ids if i is not None})
    if not ids:
        return 0
    lignes = [_ligne(genre, d) for d in INDEXEURS[genre].documents(ids)]
    with transaction.atomic():
        _ecrire(lignes)
        presents = {ligne.objet_id for ligne in lignes}
        DocumentRecherche.objects.filter(genre=genre, objet_id__in=ids).exclude(
            objet_id__in=presents
        ).delete()
    return len(lignes)


def reindexer(*, genres_: Iterable[str] | None = None) -> dict[str, int]:
    """Reconstruit l'index des genres donnés (tous par défaut) ; rend le compte par genre.
    Les genres qui ne sont plus enregistrés sont vidés."""
    choisis = list(genres_) if genres_ is not None else list(INDEXEURS)
    bilan = {}
    with transaction.atomic():
        if genres_ is None:
            DocumentRecherche.objects.exclude(genre__in=list(INDEXEURS)).delete()
        for genre in choisis:
            lignes = [_ligne(genre, d) for d in INDEXEURS[genre].documents(None)]
            DocumentRecherche.objects.filter(genre=genre).exclude(
                objet_id__in=[ligne.objet_id for ligne in lignes]
            ).delete()
            _ecrire(lignes)
            bilan[genre] = len(lignes)
    return bilan


# --- Signaux -------------------------------------------------------------------------------------


def _label(modele) -> str | None:
    meta = getattr(modele, "_meta", None)
    # Les modèles historiques des migrations (module « __fake__ ») ne sont pas indexés.
    if meta is None or modele.__module__ == "__fake__":
        return None
    return meta.label_lower


def _a_reindexer(label: str, instance) -> list[tuple[str, list]]:
    travail = []
    for indexeur_ in INDEXEURS.values():
        if indexeur_.modele == label:
            travail.append((indexeur_.genre, [instance.pk]))
        if label in indexeur_.declencheurs:
            travail.append((indexeur_.genre, list(indexeur_.declencheurs[label](instance))))
    return travail


def _enregistre(sender, instance, raw=False, **kwargs):
    label = _label(sender)
    if raw or label is None:
        return
    for genre, ids in _a_reindexer(label, instance):
        indexer(genre=genre, ids=ids)


def _supprime(sender, instance, **kwargs):
    label = _label(sender)
    if label is None:
        return
    for genre, ids in _a_reindexer(label, instance):
        indexer(genre=genre, ids=ids)


def _relie(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    label = _label(type(instance))
    if label is None:
        return
    for genre, ids in _a_reindexer(label, instance):
        indexer(genre=genre, ids=ids)
    # Relation modifiée depuis l'autre côté (un modèle dont on retire des webinaires…).
    label_lie = _label(model)
    if pk_set:
        for indexeur_ in INDEXEURS.values():
            if indexeur_.modele == label_lie:
                indexer(genre=indexeur_.genre, ids=pk_set)


def brancher() -> None:
    post_save.connect(_enregistre, dispatch_uid="ressources_recherche_enregistre")
    post_delete.connect(_supprime, dispatch_uid="ressources_recherche_supprime")
    m2m_changed.connect(_relie, dispatch_uid="ressources_recherche_relie")


# --- Requêtes ------------------------------------------------------------------------------------


@dataclass
class Resultats:
    requete: str = ""
    indice: str = ""
    documents: list[DocumentRecherche] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    debut: int = 1  # rang du premier résultat de la page
    genres: list[dict] = field(default_factory=list)
    modeles: list[dict] = field(default_factory=list)
    formats: list[dict] = field(default_factory=list)
    annees: list[dict] = field(default_factory=list)
    tronque: bool = False  # plus de LIMITE_CANDIDATS documents trouvés


def preparer_requete(brute: str | None) -> tuple[str, str]:
    """La requête nettoyée et, si elle ne peut pas être cherchée, l'indice à afficher."""
    texte = "".join(c for c in (brute or "") if unicodedata.category(c)[0] != "C" or c == " ")
    texte = " ".join(texte.split())
    if not texte:
        return "", str(_("Saisissez un ou plusieurs mots : un modèle, un format, un thème…"))
    if len(texte) > LONGUEUR_MAX_REQUETE:
        return texte[:LONGUEUR_MAX_REQUETE], str(
            _("Votre recherche est trop longue : %(max)d caractères au plus.")
            % {"max": LONGUEUR_MAX_REQUETE}
        )
    if len(normaliser(texte).replace(" ", "")) < 2:
        return texte, str(
            _("Saisissez au moins deux lettres ou chiffres, par exemple « M2 » ou « mécénat ».")
        )
    return texte, ""


def _mots_sqlite(requete: str) -> list[str]:
    """Mots normalisés, sans la marque du pluriel (« paysages » → « paysage »)."""
    mots = []
    for mot in normaliser(requete).split():
        if len(mot) > 3 and mot[-1] in "sx":
            mot = mot[:-1]
        mots.append(mot)
    return mots


def _plier(texte: str) -> str:
    """Minuscules sans accents, caractère pour caractère (les positions sont gardées)."""
    return "".join((unicodedata.normalize("NFKD", c)[:1] or c).lower() for c in texte)


def extrait(texte: str, mots: list[str], *, largeur: int = 220) -> str:
    """Extrait marqué (sans requête SQL) : autour de la première occurrence d'un mot."""
    plie = _plier(texte)
    positions = [p for p in (plie.find(m) for m in mots if m) if p >= 0]
    debut = max(0, min(positions) - largeur // 3) if positions else 0
    morceau = texte[debut : debut + largeur]
    plie_morceau = plie[debut : debut + largeur]
    marques = []
    for mot in mots:
        for m in re.finditer(re.escape(mot), plie_morceau):
            marques.append((m.start(), m.end()))
    sortie, curseur = [], 0
    for a, b in sorted(marques):
        if a < curseur:
            continue
        sortie += [morceau[curseur:a], DEBUT, morceau[a:b], FIN]
        curseur = b
    sortie.append(morceau[curseur:])
    prefixe = "… " if debut else ""
    suffixe = " …" if debut + largeur < len(texte) else ""
    return prefixe + "".join(sortie) + suffixe


def surligner(texte: str) -> SafeString:
    """Échappe tout le texte, puis change les seules marques de surlignage en ``<mark>``."""
    return mark_safe(  # noqa: S308 — le texte est échappé juste avant
        escape(texte).replace(DEBUT, "<mark>").replace(FIN, "</mark>")
    )


def _filtrer(documents, *, genre, modele, format_, annee):
    if genre:
        documents = documents.filter(genre=genre)
    if modele:
        documents = documents.filter(modeles__contains=f"|{modele}|")
    if format_:
        documents = documents.filter(formats__contains=f"|{format_}|")
    if annee:
        documents = documents.filter(annee=annee)
    return documents


def _correspondance_et_score(requete: str) -> tuple[Q, Q | None, Any]:
    """La condition « le document répond » (mots, racines), celle de la tolérance aux fautes
    de frappe (trigrammes du titre et des noms ; ``None`` hors PostgreSQL) et le score."""
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(requete, config=CONFIGURATION, search_type="websearch")
        normalisee = normaliser(requete)
        score = SearchRank(F("vecteur"), tsquery) + TrigramWordSimilarity(
            Value(normalisee), "titre_normalise"
        ) * Value(0.5)
        return Q(vecteur=tsquery), Q(titre_normalise__trigram_word_similar=normalisee), score
    mots = _mots_sqlite(requete)
    condition = Q()
    dans_titre = Q()
    for mot in mots:
        condition &= Q(contenu_normalise__contains=mot)
        dans_titre &= Q(titre_normalise__contains=mot)
    score = Case(When(dans_titre, then=Value(2.0)), default=Value(1.0), output_field=FloatField())
    return condition, None, score


def documents_trouves(requete: str):
    """Le queryset des documents qui répondent à la requête, annoté de ``score``."""
    condition, floue, score = _correspondance_et_score(requete)
    if floue is not None:
        condition |= floue
    return DocumentRecherche.objects.filter(condition).annotate(score=score)


def rechercher(
    *,
    requete: str,
    genre: str = "",
    modele: str = "",
    format_: str = "",
    annee: int | None = None,
    page: int = 1,
    par_page: int = PAR_PAGE,
    modeles_connus: Iterable = (),
    formats_connus: Iterable = (),
) -> Resultats:
    """Recherche classée et facettée ; nombre de requêtes SQL constant quel que soit le
    nombre de résultats (5, ou 6 quand moins de :data:`SEUIL_TOLERANCE` documents contiennent
    les mots et que les fautes de frappe sont tolérées ; au plus :data:`LIMITE_CANDIDATS`
    documents classés).
    ``modeles_connus`` / ``formats_connus`` : objets avec ``code`` /
    ``slug`` et ``nom``, pour les facettes."""
    requete, indice = preparer_requete(requete)
    resultats = Resultats(requete=requete, indice=indice)
    if indice:
        return resultats
    condition, floue, score = _correspondance_et_score(requete)

    def candidats(condition) -> list[int]:
        # La correspondance est évaluée une fois (index GIN, sans classement ni tri, arrêtée
        # dès LIMITE_CANDIDATS + 1 documents) ; comptes, facettes et page ne relisent ensuite
        # que ceux-là, par leur clé.
        return list(
            _filtrer(
                DocumentRecherche.objects.filter(condition),
                genre=genre,
                modele=modele,
                format_=format_,
                annee=annee,
            )
            .order_by()
            .values_list("pk", flat=True)[: LIMITE_CANDIDATS + 1]
        )

    ids = candidats(condition)
    if floue is not None and len(ids) < SEUIL_TOLERANCE:
        # Peu de documents contiennent les mots : une faute de frappe ? Les titres et les
        # noms proches (trigrammes) s'ajoutent, classés avec les autres selon leur score.
        ids = candidats(condition | floue)
    resultats.tronque = len(ids) > LIMITE_CANDIDATS
    trouves = DocumentRecherche.objects.filter(pk__in=ids[:LIMITE_CANDIDATS]).annotate(score=score)

    comptes = dict(
        trouves.order_by().values_list("genre").annotate(n=Count("id")).values_list("genre", "n")
    )
    resultats.total = sum(comptes.values())
    resultats.genres = [
        {"code": i.genre, "libelle": i.libelle, "nombre": comptes[i.genre]}
        for i in genres()
        if comptes.get(i.genre)
    ]
    modeles_connus, formats_connus = list(modeles_connus), list(formats_connus)
    agregats = {f"m_{m.code}": Count("id", filter=Q(modeles__contains=f"|{m.code}|"))
                for m in modeles_connus}  # fmt: skip
    agregats |= {f"f_{i}": Count("id", filter=Q(formats__contains=f"|{f.slug}|"))
                 for i, f in enumerate(formats_connus)}  # fmt: skip
    facettes = trouves.order_by().aggregate(**agregats) if agregats and resultats.total else {}
    resultats.modeles = [
        {"code": m.code, "libelle": f"{m.code} – {m.nom}", "nombre": facettes[f"m_{m.code}"]}
        for m in modeles_connus
        if facettes.get(f"m_{m.code}")
    ]
    resultats.formats = [
        {"code": f.slug, "libelle": f.nom, "nombre": facettes[f"f_{i}"]}
        for i, f in enumerate(formats_connus)
        if facettes.get(f"f_{i}")
    ]
    if resultats.total:
        resultats.annees = [
            {"code": a, "libelle": str(a), "nombre": n}
            for a, n in trouves.exclude(annee=None)
            .order_by()
            .values_list("annee")
            .annotate(n=Count("id"))
            .order_by("-annee")
            .values_list("annee", "n")
        ]

    resultats.pages = max(1, -(-resultats.total // par_page))
    resultats.page = min(max(1, page), resultats.pages)
    debut = (resultats.page - 1) * par_page
    resultats.debut = debut + 1
    if not resultats.total:
        return resultats
    page_qs = trouves.order_by("-score", "titre", "pk")
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(requete, config=CONFIGURATION, search_type="websearch")
        options = {"config": CONFIGURATION, "start_sel": DEBUT, "stop_sel": FIN}
        page_qs = page_qs.annotate(
            titre_marque=SearchHeadline("titre", tsquery, highlight_all=True, **options),
            extrait_marque=SearchHeadline(
                "texte",
                tsquery,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **options,
            ),
        )
    documents = list(
        page_qs.defer("contenu_normalise", "titre_normalise")[debut : debut + par_page]
    )
    mots = _mots_sqlite(requete)
    for document in documents:
        if connection.vendor != "postgresql":
            document.titre_marque = extrait(document.titre, mots, largeur=300)
            document.extrait_marque = extrait(document.texte, mots)
        document.titre_html = surligner(document.titre_marque or document.titre)
        document.extrait_html = surligner(document.extrait_marque or "")
        document.libelle_genre = libelle_genre(document.genre)
    resultats.documents = documents
    return resultats


def ids_trouves(*, requete: str, genre: str, limite: int = 500, **filtres) -> list[str]:
    """Les identifiants d'objets d'un genre trouvés par la requête (exports), les mieux
    classés d'abord."""
    requete, indice = preparer_requete(requete)
    if indice:
        return []
    trouves = _filtrer(documents_trouves(requete), genre=genre, **filtres)
    return list(trouves.order_by("-score", "pk").values_list("objet_id", flat=True)[:limite])
