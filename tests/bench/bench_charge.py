"""Banc de charge : 50 visiteurs simultanés pendant 60 s sur un mélange de pages, sur une
instance puis sur deux répliques derrière nginx (la topologie du profil « echelle » de
docker-compose.yml, lancée ici nativement).

Chaque visiteur enchaîne les pages du mélange (accueil, modèles, formats, piliers,
webinaires, ressources, page intégrable, recherche, un fichier statique, ``/sante/``) sur
une connexion HTTP/1.1, sans pause. Le banc affiche, par configuration, le débit, les
latences p50 / p95 / p99 et le nombre d'erreurs (toute réponse autre que 200, toute
exception) : l'objectif est **zéro erreur**.

Configurations (``BENCH_CONFIGS``, séparées par des virgules ; toutes par défaut) :

- ``une`` : une instance gunicorn, interrogée directement ;
- ``une-proxy`` : la même derrière nginx (le coût du mandataire seul) ;
- ``deux-proxy`` : deux instances derrière nginx, réparties au moindre nombre de connexions,
  avec la configuration ``deploy/nginx/echelle.conf`` (seules les adresses changent).

Lancement : ``.venv/bin/python tests/bench/bench_charge.py`` avec ``DATABASE_URL``
(PostgreSQL) et ``REDIS_URL``. Une base dédiée ``bench_charge`` est créée puis détruite.
Chaque mesure suit ``BENCH_CHAUFFE`` secondes de chauffe (5 : caches de chaque processus,
pool de connexions). Réglages : ``BENCH_DUREE`` (secondes par configuration, 60),
``BENCH_UTILISATEURS`` (50), ``BENCH_WORKERS`` (workers gunicorn synchrones par instance,
2), ``BENCH_POOL`` (pool psycopg par processus des instances, 2). nginx vient du paquet Debian
(``apt-get install nginx-light``).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import statistics
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
MODULE = "tests.bench.bench_charge"

os.environ.setdefault("SECRET_KEY", "banc-d-essai-charge-" + "Qm3Vx8Lr2Tz6Wp4K" * 3)
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("SITE_URL", "http://127.0.0.1")
POOL = os.environ.get("BENCH_POOL", "2")
if os.environ.get("BENCH_SERVEUR") == "1":  # les instances gunicorn, pas le banc lui-même
    os.environ["DB_POOL_MAX_SIZE"] = POOL
sys.path.insert(0, str(RACINE))

from rameau.settings import *  # noqa: E402, F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

DUREE = float(os.environ.get("BENCH_DUREE", "60"))
UTILISATEURS = int(os.environ.get("BENCH_UTILISATEURS", "50"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CHAUFFE = float(os.environ.get("BENCH_CHAUFFE", "5"))
CONFIGS = os.environ.get("BENCH_CONFIGS", "une,une-proxy,deux-proxy").split(",")


def pages_melangees() -> list[str]:
    """Le contenu de référence et la démonstration, puis le mélange de pages (chemins)."""
    from django.apps import apps

    from autodiagnostic import contenu as contenu_autodiagnostic
    from programme import contenu as contenu_programme
    from programme import demo
    from programme.models import Format, ModeleSocioEconomique, Partenaire, Pilier
    from ressources import contenu as contenu_ressources
    from webinaires.selectors import prochain_webinaire

    contenu_programme.charger(apps)
    contenu_autodiagnostic.charger(apps)
    contenu_ressources.charger(apps)
    demo.charger()
    Partenaire.objects.update_or_create(
        code="banc", defaults={"nom": "Partenaire du banc", "origines_integration": ""}
    )
    webinaire = prochain_webinaire()
    assert webinaire is not None, "la démonstration n'a créé aucun webinaire à venir"
    return [
        "/",
        "/modeles/",
        f"/modeles/{ModeleSocioEconomique.objects.order_by('code').first().code.lower()}/",
        "/formats/",
        f"/formats/{Format.objects.order_by('ordre').first().slug}/",
        "/piliers/",
        f"/piliers/{Pilier.objects.order_by('numero').first().slug}/",
        "/partenaires/",
        "/autodiagnostic/",
        "/webinaires/",
        webinaire.get_absolute_url(),
        "/ressources/",
        "/embed/webinaires/?partenaire=banc",
        "/confidentialite/",
        "/recherche/?q=mod%C3%A8le",
        "/static/css/site.css",
        "/sante/",
    ]


# --- Serveurs ------------------------------------------------------------------------------


@contextlib.contextmanager
def topologie(nom: str) -> Iterator[str]:
    from tests.bench import outils

    instances = 2 if nom.startswith("deux") else 1
    with contextlib.ExitStack() as pile:
        bases = [
            pile.enter_context(
                outils.gunicorn(
                    MODULE, workers=WORKERS, sonde="/sante/", env={"BENCH_SERVEUR": "1"}
                )
            )
            for _ in range(instances)
        ]
        if nom.endswith("proxy"):
            yield pile.enter_context(outils.nginx([b.removeprefix("http://") for b in bases]))
        else:
            yield bases[0]


# --- Charge --------------------------------------------------------------------------------


def charger(base: str, pages: list[str], duree: float) -> dict:
    """``UTILISATEURS`` fils, chacun sur sa connexion, pendant ``duree`` secondes."""
    hote, port = base.removeprefix("http://").split(":")
    latences: list[list[float]] = [[] for _ in range(UTILISATEURS)]
    erreurs: list[str] = []
    depart = threading.Barrier(UTILISATEURS + 1)
    fin_prevue = [0.0]

    def visiteur(rang: int) -> None:
        connexion = http.client.HTTPConnection(hote, int(port), timeout=30)
        depart.wait()
        i = rang
        while time.perf_counter() < fin_prevue[0]:
            chemin = pages[i % len(pages)]
            i += 1
            debut = time.perf_counter()
            try:
                connexion.request("GET", chemin, headers={"Accept-Encoding": "gzip"})
                reponse = connexion.getresponse()
                reponse.read()
                if reponse.status != 200:
                    erreurs.append(f"{reponse.status} {chemin}")
            except Exception as exc:  # noqa: BLE001 — toute exception est une erreur
                erreurs.append(f"{type(exc).__name__} {chemin}")
                connexion.close()
                connexion = http.client.HTTPConnection(hote, int(port), timeout=30)
                continue
            latences[rang].append(time.perf_counter() - debut)
        connexion.close()

    fils = [threading.Thread(target=visiteur, args=(r,), daemon=True) for r in range(UTILISATEURS)]
    for f in fils:
        f.start()
    fin_prevue[0] = time.perf_counter() + duree
    debut = time.perf_counter()
    depart.wait()
    for f in fils:
        f.join()
    ecoule = time.perf_counter() - debut
    toutes = sorted(x for liste in latences for x in liste)
    quantiles = (
        statistics.quantiles(toutes, n=100, method="inclusive") if len(toutes) > 1 else [0] * 99
    )
    return {
        "requetes": len(toutes) + len(erreurs),
        "debit": len(toutes) / ecoule,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "p99": quantiles[98] * 1000,
        "erreurs": erreurs,
    }


def verifier(base: str, pages: list[str]) -> None:
    for chemin in pages:
        with urllib.request.urlopen(base + chemin, timeout=10) as reponse:
            assert reponse.status == 200, (chemin, reponse.status)


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = MODULE
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from tests.bench import outils

    nom_origine = settings.DATABASES["default"]["NAME"]
    outils.creer_base("bench_charge")
    print(
        f"{UTILISATEURS} visiteurs simultanés, {DUREE:.0f} s par configuration, gunicorn "
        f"{WORKERS} workers synchrones par instance, pool psycopg "
        f"{POOL} par processus, {os.cpu_count()} cœurs (machine "
        "partagée : le générateur de charge tourne sur les mêmes cœurs).",
        flush=True,
    )
    total_erreurs = 0
    try:
        pages = pages_melangees()
        connection.close()
        print(f"Mélange de {len(pages)} pages : {', '.join(pages)}", flush=True)
        print(
            f"{'configuration':<12} {'requêtes':>9} {'req/s':>7} {'p50 ms':>8} "
            f"{'p95 ms':>8} {'p99 ms':>8} {'erreurs':>8}",
            flush=True,
        )
        for nom in CONFIGS:
            with topologie(nom) as base:
                verifier(base, pages)
                # Chauffe : caches de chaque processus, pool de connexions, puis la mesure.
                charger(base, pages, CHAUFFE)
                r = charger(base, pages, DUREE)
            total_erreurs += len(r["erreurs"])
            print(
                f"{nom:<12} {r['requetes']:>9} {r['debit']:>7.0f} {r['p50']:>8.0f} "
                f"{r['p95']:>8.0f} {r['p99']:>8.0f} {len(r['erreurs']):>8}",
                flush=True,
            )
            if r["erreurs"]:
                print("  premières erreurs :", r["erreurs"][:5], flush=True)
    finally:
        connection.close()
        connection.creation.destroy_test_db(nom_origine, verbosity=0)
    return 0 if total_erreurs == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
