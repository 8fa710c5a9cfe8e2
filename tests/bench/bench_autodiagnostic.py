"""Banc d'essai de l'autodiagnostic.

1. Repère entre pairs : temps du calcul SQL des médianes sur 10 000 puis 100 000 résultats
   stockés ; objectif : ratio ≤ 12 (linéaire ou mieux).
2. Page de résultat servie par gunicorn : débit rapporté à celui d'une vue Django nue servie
   par le même gunicorn dans la même exécution ; objectif : ≥ 40 %.

Lancement : ``.venv/bin/python tests/bench/bench_autodiagnostic.py`` avec ``DATABASE_URL``
(PostgreSQL) et de préférence ``REDIS_URL``. Une base dédiée ``bench_autodiagnostic`` est
créée puis détruite. Le générateur de charge est ``wrk`` s'il est installé, sinon une boucle
de requêtes en fils d'exécution.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
import urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
MODULE = "tests.bench.bench_autodiagnostic"

# --- Réglages et routes du gunicorn de mesure ---------------------------------------------
# Ce module sert aussi de module de réglages (mode production, DEBUG désactivé) et de
# URLconf : la vue nue de référence ne va pas dans rameau/urls.py.
os.environ.setdefault("SECRET_KEY", "banc-d-essai-autodiagnostic-" + "k7Qx9Lm2Vw4Rt8Zp" * 3)
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
sys.path.insert(0, str(RACINE))

from rameau.settings import *  # noqa: E402, F403
from tests.bench import outils  # noqa: E402

ROOT_URLCONF = MODULE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 — évite l'avertissement de whitenoise
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}


def __getattr__(nom):
    # Routes construites à la demande : au chargement des réglages, Django n'est pas prêt.
    if nom == "urlpatterns":
        return outils.urlpatterns_avec_vue_nue()
    raise AttributeError(nom)


OBJECTIF_PAIRS = 12.0
OBJECTIF_DEBIT = 0.40


def remplir(nombre: int, *, domaine: str, questionnaire, format_) -> None:
    """Insère ``nombre`` diagnostics terminés (bulk_create, par lots)."""
    from autodiagnostic.models import Diagnostic, Resultat

    aleatoire = random.Random(nombre)
    lot = 5000
    for debut in range(0, nombre, lot):
        taille = min(lot, nombre - debut)
        diagnostics = Diagnostic.objects.bulk_create(
            Diagnostic(questionnaire=questionnaire, domaine_activite=domaine) for _ in range(taille)
        )
        resultats = []
        for diagnostic in diagnostics:
            poids = [aleatoire.random() ** 3 for _ in range(7)]
            total = sum(poids)
            scores = [round(p * 100 / total, 1) for p in poids]
            resultats.append(
                Resultat(
                    diagnostic=diagnostic,
                    questionnaire=questionnaire,
                    profil="association",
                    domaine_activite=domaine,
                    **{f"m{i + 1}": min(100.0, s) for i, s in enumerate(scores)},
                    dominant="M1",
                    libelle="M1",
                    logique="interet_general",
                    maturite=50.0,
                    niveau=3,
                    format=format_,
                    donnees={},
                )
            )
        Resultat.objects.bulk_create(resultats)


def chronometrer(fonction, repetitions: int = 7) -> float:
    fonction()  # échauffement (plans, cache du système)
    mesures = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        mesures.append(time.perf_counter() - debut)
    return statistics.median(mesures)


def banc_pairs(questionnaire, format_) -> bool:
    from django.db import connection

    from autodiagnostic import selectors

    with connection.cursor() as curseur:
        curseur.execute("ANALYZE")
    remplir(10_000, domaine="culture", questionnaire=questionnaire, format_=format_)
    t10 = chronometrer(lambda: selectors.calculer_repere_pairs("culture"))
    remplir(90_000, domaine="culture", questionnaire=questionnaire, format_=format_)
    with connection.cursor() as curseur:
        curseur.execute("ANALYZE autodiagnostic_resultat")
    t100 = chronometrer(lambda: selectors.calculer_repere_pairs("culture"))
    n = selectors.calculer_repere_pairs("culture")["nombre"]
    assert n == 100_000, n
    ratio = t100 / t10
    ok = ratio <= OBJECTIF_PAIRS
    print(
        f"Repère entre pairs (SQL) : 10 000 résultats {t10 * 1000:.1f} ms, "
        f"100 000 résultats {t100 * 1000:.1f} ms, ratio {ratio:.2f} "
        f"(objectif ≤ {OBJECTIF_PAIRS:g}) {'OK' if ok else 'ÉCHEC'}"
    )
    return ok


def session_connectee() -> str:
    """Cookie de session d'une personne connectée (page jamais partagée entre visiteurs)."""
    from django.test import Client

    from programme.models import Utilisateur

    client = Client()
    client.force_login(Utilisateur.objects.create_user("banc@exemple.org", "banc-d-essai-123"))
    return f"sessionid={client.cookies['sessionid'].value}"


def banc_debit(jeton: str, cookie_connecte: str) -> bool:
    charge, outil = outils.charge, outils.outil_de_charge()
    with outils.gunicorn(MODULE) as base:
        page = urllib.request.urlopen(f"{base}/autodiagnostic/{jeton}/resultat/").read()
        assert "Format recommandé".encode() in page, "la page de résultat ne s'affiche pas"
        nu = charge(f"{base}/bench-nu/")
        resultat = charge(f"{base}/autodiagnostic/{jeton}/resultat/")
        nu = (nu + charge(f"{base}/bench-nu/")) / 2  # encadre la mesure de la page
        # Pour information : une personne connectée (pas de page partagée, seul le corps de
        # page vient du cache).
        connecte = charge(f"{base}/autodiagnostic/{jeton}/resultat/", {"Cookie": cookie_connecte})
    ratio = resultat / nu
    ok = ratio >= OBJECTIF_DEBIT
    print(
        f"Pour information, personne connectée (corps de page en cache) : "
        f"{connecte:.0f} req/s, ratio {connecte / nu:.0%}"
    )
    print(
        f"Page de résultat sous gunicorn ({outil}) : {resultat:.0f} req/s contre "
        f"{nu:.0f} req/s pour une vue nue, ratio {ratio:.0%} "
        f"(objectif ≥ {OBJECTIF_DEBIT:.0%}) {'OK' if ok else 'ÉCHEC'}"
    )
    return ok


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = MODULE
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    nom_origine = settings.DATABASES["default"]["NAME"]
    outils.creer_base("bench_autodiagnostic")
    try:
        from django.apps import apps

        from autodiagnostic import contenu, services
        from autodiagnostic.models import Questionnaire
        from programme import contenu as contenu_programme
        from programme.models import Format

        contenu_programme.charger(apps)
        contenu.charger(apps)
        questionnaire = Questionnaire.objects.get(profil="association", statut="publie")
        ok_pairs = banc_pairs(questionnaire, Format.objects.get(slug="ateliers"))

        # Un diagnostic réel, dans le domaine aux 100 000 résultats, pour la page.
        diagnostic = services.diagnostic_creer(
            profil="association", organisation_nom="Banc d'essai", domaine_activite="culture"
        )
        questions = list(questionnaire.questions.prefetch_related("choix"))
        donnees = {q.code: 3 for q in questions if q.type == "echelle"}
        donnees.update({"ressources.ventes": 45000, "ressources.subventions": 40000})
        donnees["besoin.prioritaire"] = "echange_pairs"
        services.reponses_enregistrer(diagnostic=diagnostic, questions=questions, donnees=donnees)
        services.diagnostic_terminer(diagnostic=diagnostic)
        cookie_connecte = session_connectee()
        connection.close()
        ok_debit = banc_debit(diagnostic.jeton, cookie_connecte)
    finally:
        connection.creation.destroy_test_db(nom_origine, verbosity=0)
    return 0 if ok_pairs and ok_debit else 1


if __name__ == "__main__":
    sys.exit(main())
