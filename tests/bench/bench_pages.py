"""Banc d'essai des pages publiques servies aux visiteurs anonymes.

Chaque page est comparée à un projet Django nu (une vue « Hello, world », aucune application,
aucun middleware) servi par le même gunicorn (2 workers synchrones) : les deux serveurs
tournent côte à côte et la charge ``wrk`` alterne référence et page dans la même exécution
(référence, page, référence, page, …) ; chaque mesure d'une page est rapportée à la moyenne
des deux mesures de référence qui l'encadrent, et le ratio retenu est la médiane de
``BENCH_ALTERNANCES`` mesures (3 par défaut ; l'écart min–max est affiché : la machine est
partagée, le bruit se voit).

Objectifs : chaque page ≥ 40 % de la référence, la page intégrable des partenaires ≥ 80 %.

Lancement : ``.venv/bin/python tests/bench/bench_pages.py`` avec ``DATABASE_URL``
(PostgreSQL) et ``REDIS_URL`` (le cache partagé fait partie de la mesure). Une base dédiée
``bench_pages`` est créée puis détruite. La plateforme tourne comme en production (DEBUG
désactivé, ``SITE_URL`` fixée). ``BENCH_DUREE`` (secondes par mesure, défaut 3) et
``BENCH_ALTERNANCES`` ajustent la mesure ; ``BENCH_PAGES`` (chemins séparés par des
virgules) restreint la liste.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
MODULE = "tests.bench.bench_pages"
NU = os.environ.get("BENCH_PAGES_NU") == "1"
WORKERS = 2

os.environ.setdefault("SECRET_KEY", "banc-d-essai-pages-" + "Wq7Lp2Xz9Rk4Tm6B" * 3)
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("SITE_URL", "http://127.0.0.1")
os.environ.setdefault("BENCH_DUREE", "3")
sys.path.insert(0, str(RACINE))

if NU:
    # --- Le projet Django nu de référence : une vue, ni application ni middleware. ---------
    SECRET_KEY = os.environ["SECRET_KEY"]
    DEBUG = False
    ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    ROOT_URLCONF = MODULE
    INSTALLED_APPS: list = []
    MIDDLEWARE: list = []
    DATABASES: dict = {}
    USE_TZ = True
    LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

    def bonjour(request):
        from django.http import HttpResponse

        return HttpResponse("Hello, world")

    def __getattr__(nom):
        if nom == "urlpatterns":
            from django.urls import path

            return [path("", bonjour)]
        raise AttributeError(nom)

else:
    # --- La plateforme, en mode production (DEBUG désactivé), URLconf normale. ------------
    from rameau.settings import *  # noqa: F403

    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
    LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

OBJECTIF_PAGE = 0.40
OBJECTIF_EMBED = 0.80
PARTENAIRE = "banc"


def preparer_contenu() -> dict[str, str]:
    """Contenu de référence et démonstration ; rend les chemins mesurés (nom → chemin)."""
    from django.apps import apps

    from autodiagnostic import contenu as contenu_autodiagnostic
    from programme import contenu as contenu_programme
    from programme import demo
    from programme.models import Format, ModeleSocioEconomique, Partenaire, Pilier
    from webinaires.models import Webinaire

    contenu_programme.charger(apps)
    contenu_autodiagnostic.charger(apps)
    demo.charger()
    Partenaire.objects.update_or_create(
        code=PARTENAIRE,
        defaults={"nom": "Partenaire du banc", "origines_integration": "https://banc.example"},
    )
    webinaire = (
        Webinaire.objects.filter(session__statut="publie").order_by("session__debut").first()
    )
    assert webinaire is not None, "la démonstration n'a créé aucun webinaire publié"
    modele = ModeleSocioEconomique.objects.order_by("code").first()
    from agenda import registre
    from agenda.models import Session
    from formations.models import Module
    from relais.selectors import numeros_publies

    module = Module.objects.filter(publie=True, niveau=3).order_by("ordre", "pk").first()
    atelier = (
        Session.objects.filter(format__slug="ateliers", statut="publie", parent=None)
        .select_related("format")
        .order_by("debut")
        .first()
    )
    numero = numeros_publies().first()
    assert module and atelier, "la démonstration n'a créé ni module ni atelier"
    return {
        "Accueil": "/",
        "Modèles": "/modeles/",
        "Un modèle": f"/modeles/{modele.code}/",
        "Formats": "/formats/",
        "Un format": f"/formats/{Format.objects.order_by('ordre', 'pk').first().slug}/",
        "Piliers": "/piliers/",
        "Un pilier": f"/piliers/{Pilier.objects.order_by('numero').first().slug}/",
        "Partenaires": "/partenaires/",
        "Autodiagnostic (départ)": "/autodiagnostic/",
        "Webinaires": "/webinaires/",
        "Un webinaire": webinaire.get_absolute_url(),
        "Ressources": "/ressources/",
        "Travaux académiques": "/ressources/travaux/",
        "Formations": "/formations/",
        "Un module": module.get_absolute_url(),
        "Accompagnement": "/accompagnement/",
        "Un atelier": registre.fiches([atelier])[atelier.pk].url,
        "La lettre": "/lettre/",
        **({"Un numéro": numero.get_absolute_url()} if numero else {}),
        "Page intégrable": f"/embed/webinaires/?partenaire={PARTENAIRE}",
    }


def gunicorn(*, nu: bool):
    """gunicorn, 2 workers synchrones, sur un port libre : le projet nu ou la plateforme."""
    from tests.bench import outils

    return outils.gunicorn(
        MODULE, workers=WORKERS, env={"BENCH_PAGES_NU": "1" if nu else "0"}, sonde="/"
    )


def verifier(base: str, chemin: str) -> None:
    """La page répond 200 ; une page avec formulaire porte un vrai jeton CSRF ; deux visiteurs
    n'ont pas le même jeton (rien de propre à un visiteur n'est servi à un autre)."""
    pages = []
    for _ in range(3):  # la deuxième et la troisième viennent du cache
        with urllib.request.urlopen(base + chemin, timeout=10) as reponse:
            assert reponse.status == 200, (chemin, reponse.status)
            pages.append(reponse.read().decode())
    jetons = [re.findall(r'"X-CSRFToken": "([^"]*)"', page) for page in pages]
    if chemin.startswith("/embed/"):
        assert "Webinaire" in pages[-1] or "webinaire" in pages[-1], chemin
        return
    assert all(j and len(j[0]) == 64 for j in jetons), (chemin, jetons)
    assert len({j[0] for j in jetons}) == 3, f"{chemin} : le même jeton CSRF resservi"


def mesurer(pages: dict[str, str], alternances: int) -> Iterator[tuple[str, list, list]]:
    """Par page : (nom, ratios, débits) de ``alternances`` mesures encadrées par la référence."""
    from tests.bench import outils

    with gunicorn(nu=True) as nu, gunicorn(nu=False) as plateforme:
        assert urllib.request.urlopen(f"{nu}/").read() == b"Hello, world"
        for chemin in pages.values():
            verifier(plateforme, chemin)
        reference = outils.charge(f"{nu}/")
        for nom, chemin in pages.items():
            ratios, debits = [], []
            for _ in range(alternances):
                debit = outils.charge(plateforme + chemin)
                suivante = outils.charge(f"{nu}/")
                ratios.append(debit / ((reference + suivante) / 2))
                debits.append(debit)
                reference = suivante
            yield nom, ratios, debits


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = MODULE
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from tests.bench import outils

    nom_origine = settings.DATABASES["default"]["NAME"]
    outils.creer_base("bench_pages")
    alternances = max(1, int(os.environ.get("BENCH_ALTERNANCES", "3")))
    print(
        f"Référence : Django nu (une vue, aucun middleware), même gunicorn ({WORKERS} workers "
        f"synchrones), {outils.outil_de_charge()} {outils.DUREE_CHARGE} s par mesure, "
        f"{alternances} alternances par page.",
        flush=True,
    )
    ok = True
    try:
        pages = preparer_contenu()
        if os.environ.get("BENCH_PAGES"):
            voulues = set(os.environ["BENCH_PAGES"].split(","))
            pages = {n: c for n, c in pages.items() if c in voulues}
        connection.close()
        for nom, ratios, debits in mesurer(pages, alternances):
            objectif = OBJECTIF_EMBED if pages[nom].startswith("/embed/") else OBJECTIF_PAGE
            ratio = statistics.median(ratios)
            ok &= ratio >= objectif
            print(
                f"{nom:<24} {statistics.median(debits):6.0f} req/s  ratio {ratio:.2f}× "
                f"(de {min(ratios):.2f} à {max(ratios):.2f})  objectif ≥ {objectif:.2f}× "
                f"{'OK' if ratio >= objectif else 'ÉCHEC'}",
                flush=True,
            )
    finally:
        connection.close()
        connection.creation.destroy_test_db(nom_origine, verbosity=0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
