"""Banc d'essai de la recherche plein texte (issue 13).

Objectifs, sur PostgreSQL, dans une base de test créée pour l'occasion (migrations, contenu de
référence) : avec 50 000 documents dans l'index, le p95 d'une recherche complète (page classée
et surlignée, quatre facettes — ``ressources.recherche.rechercher``, ce que fait la vue hors
gabarit) reste sous 50 ms ; le rapport temps(50 000) / temps(5 000) (p95 contre p95, mêmes
requêtes) est affiché et ne dépasse pas 3.

Les documents sont générés (titres, noms, textes en français tirés d'un vocabulaire du
domaine et d'un vocabulaire rare qui grandit avec le corpus, comme dans un vrai fonds) et
écrits directement dans l'index, comme le ferait ``reindexer``. Les requêtes mêlent un mot
fréquent du domaine, des mots rares, des expressions de deux mots, un nom avec une faute de
frappe, et une facette.

Lancement : ``python tests/bench/bench_recherche.py`` (``DATABASE_URL`` PostgreSQL requis ;
``make bench`` le lance avec les autres). Sort en erreur si un objectif n'est pas atteint.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RACINE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rameau.settings")

OBJECTIF_P95_MS = 50.0
OBJECTIF_RAPPORT = 3.0
TAILLES = (5_000, 50_000)
REPETITIONS = 15

DOMAINE = [
    "association",
    "bénévolat",
    "mécénat",
    "subvention",
    "cotisation",
    "partenariat",
    "alliance",
    "territoire",
    "ressource",
    "financement",
    "modèle",
    "socio-économique",
    "intérêt",
    "général",
    "hybridation",
    "gouvernance",
    "fondation",
    "collectivité",
    "innovation",
    "sociétale",
    "accompagnement",
    "formation",
    "réseau",
    "impact",
    "utilité",
    "sociale",
    "générosité",
    "public",
    "entreprise",
    "mutualisation",
    "prestation",
    "savoir-faire",
    "politique",
    "publique",
    "stratégie",
    "pilotage",
    "diversification",
    "trésorerie",
    "évaluation",
]
LIAISON = [
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "et",
    "en",
    "pour",
    "par",
    "sur",
    "dans",
    "avec",
    "une",
    "un",
    "au",
    "aux",
    "son",
    "leur",
]
PRENOMS = [
    "Marie",
    "Jean",
    "Hélène",
    "François",
    "Zoé",
    "Étienne",
    "Amélie",
    "Loïc",
    "Noémie",
    "Clément",
    "Inès",
    "Théo",
]
SYLLABES = [
    "ba",
    "be",
    "bi",
    "bo",
    "ra",
    "re",
    "ri",
    "ro",
    "ta",
    "te",
    "ti",
    "to",
    "na",
    "ne",
    "ni",
    "no",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "sa",
    "se",
]


def _mot_rare(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABES) for _ in range(rng.randint(3, 4))) + rng.choice(
        ["tion", "ment", "age", "ité", "eur", "isme"]
    )


def _vocabulaire(nombre: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """Mots rares et noms de famille : un vocabulaire proportionnel au corpus (loi de Heaps) ;
    les premiers sont les mêmes quelle que soit la taille."""
    rares = [_mot_rare(rng) for _ in range(max(200, nombre // 5))]
    familles = [_mot_rare(rng).capitalize() for _ in range(max(100, nombre // 10))]
    return rares, familles


def _documents(nombre: int, rares: list[str], familles: list[str], rng: random.Random):
    from ressources.recherche import Document

    genres = ["travail", "webinaire", "ressource", "session", "module", "numero_lettre"]
    for i in range(nombre):
        mots_titre = [rng.choice(DOMAINE) for _ in range(2)] + [rng.choice(rares)]
        rng.shuffle(mots_titre)
        titre = " ".join(
            f"{m} {rng.choice(LIAISON)}" if j < len(mots_titre) - 1 else m
            for j, m in enumerate(mots_titre)
        ).capitalize()
        texte = " ".join(
            rng.choice(DOMAINE) if rng.random() < 0.35 else
            rng.choice(rares) if rng.random() < 0.4 else rng.choice(LIAISON)
            for _ in range(rng.randint(60, 140))
        )  # fmt: skip
        yield (
            rng.choice(genres),
            Document(
                objet_id=i,
                titre=titre,
                url=f"/bench/{i}/",
                texte=texte,
                noms=[f"{rng.choice(PRENOMS)} {rng.choice(familles)}"],
                modeles=rng.sample(["M1", "M2", "M3", "M4", "M5", "M6", "M7"], rng.randint(0, 2)),
                formats=rng.sample(
                    ["webinaires", "mooc", "ateliers", "parcours"], rng.randint(0, 1)
                ),
                annee=rng.randint(2010, 2026),
            ),
        )


def _remplir(nombre: int) -> tuple[list[str], list[str]]:
    from ressources.models import DocumentRecherche
    from ressources.recherche import _ecrire, _ligne

    DocumentRecherche.objects.all().delete()
    rng = random.Random(13)
    rares, familles = _vocabulaire(nombre, rng)
    lot = []
    for genre, document in _documents(nombre, rares, familles, rng):
        lot.append(_ligne(genre, document))
        if len(lot) == 5000:
            _ecrire(lot)
            lot = []
    _ecrire(lot)
    from django.db import connection

    with connection.cursor() as curseur:
        curseur.execute("VACUUM ANALYZE ressources_documentrecherche")
    return rares, familles


def _requetes(rares: list[str], familles: list[str]) -> list[dict]:
    """Mêmes requêtes aux deux tailles : les mots rares et les noms viennent des premiers
    éléments des vocabulaires, communs aux deux corpus."""
    rng = random.Random(7)
    requetes = [
        {"requete": "mécénat"},
        {"requete": "modèles socio-économiques", "genre": "travail"},
        {"requete": "alliances territoriales", "modele": "M4"},
        {"requete": "gouvernance des fondations"},
    ]
    for _ in range(8):
        requetes.append({"requete": rng.choice(rares[:150])})
    for _ in range(4):
        requetes.append({"requete": f"{rng.choice(rares[:150])} {rng.choice(DOMAINE)}"})
    for _ in range(4):
        nom = rng.choice(familles[:80])
        requetes.append({"requete": nom[:-1] + nom[-1] * 2})  # une faute de frappe
    return requetes


def _mesurer(requetes: list[dict]) -> list[float]:
    from programme.models import Format, ModeleSocioEconomique
    from ressources.recherche import rechercher

    modeles = list(ModeleSocioEconomique.objects.all())
    formats = list(Format.objects.all())
    for requete in requetes:  # chauffe : plans et cache de PostgreSQL
        rechercher(**requete, modeles_connus=modeles, formats_connus=formats)
    durees = []
    for _ in range(REPETITIONS):
        for requete in requetes:
            debut = time.perf_counter()
            resultats = rechercher(**requete, modeles_connus=modeles, formats_connus=formats)
            durees.append((time.perf_counter() - debut) * 1000)
            assert not resultats.indice
    return durees


def _p95(durees: list[float]) -> float:
    return statistics.quantiles(durees, n=20)[-1]


def main() -> int:
    import django

    django.setup()
    from django.db import connection

    from tests.bench.outils import creer_base

    nom_origine = connection.settings_dict["NAME"]
    creer_base("bench_recherche_rameau")
    try:
        mesures = {}
        requetes = None
        for taille in TAILLES:
            debut = time.perf_counter()
            rares, familles = _remplir(taille)
            print(f"{taille:>6} documents indexés en {time.perf_counter() - debut:.1f} s")
            requetes = requetes or _requetes(rares, familles)
            durees = _mesurer(requetes)
            mesures[taille] = durees
            print(
                f"{taille:>6} documents : médiane {statistics.median(durees):.1f} ms, "
                f"p95 {_p95(durees):.1f} ms, max {max(durees):.1f} ms "
                f"({len(durees)} recherches)"
            )
        petit, grand = (_p95(mesures[t]) for t in TAILLES)
        rapport = grand / petit
        print(f"p95 à {TAILLES[1]} documents : {grand:.1f} ms (objectif < {OBJECTIF_P95_MS} ms)")
        print(
            f"temps({TAILLES[1]}) / temps({TAILLES[0]}) (p95) : {rapport:.2f} "
            f"(objectif ≤ {OBJECTIF_RAPPORT}) ; médianes : "
            f"{statistics.median(mesures[TAILLES[1]]) / statistics.median(mesures[TAILLES[0]]):.2f}"
        )
        ok = grand < OBJECTIF_P95_MS and rapport <= OBJECTIF_RAPPORT
        print("OK" if ok else "OBJECTIF NON ATTEINT")
        return 0 if ok else 1
    finally:
        connection.creation.destroy_test_db(nom_origine, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
