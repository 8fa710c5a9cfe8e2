"""Redis injoignable : la plateforme fonctionne sans cache, jamais d'erreur 500.

Le cache est pointé vers un port fermé (un vrai Redis absent, pas une simulation) avec les
réglages du projet ; le courtier Celery, lui, est coupé dans un processus à part.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

from ressources.enums import StatutFiche
from ressources.models import FichePDF
from tests.autodiagnostic.conftest import diagnostic_termine
from tests.factories import PartenaireFactory, UtilisateurFactory

from .conftest import PORT_FERME, url_base_de_test

RACINE = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_et_formulaires_repondent_sans_redis(redis_injoignable, visiteur, webinaire):
    PartenaireFactory(code="reseau", nom="Réseau", origines_integration="https://reseau.example")
    diagnostic = diagnostic_termine(domaine_activite="culture")
    debut = time.perf_counter()
    for url in (
        "/",
        "/modeles/",
        "/autodiagnostic/",
        "/webinaires/",
        webinaire.get_absolute_url(),
        "/embed/webinaires/?partenaire=reseau",
        diagnostic.get_resultat_url(),
        "/ressources/",
        "/ressources/fiche-repere.pdf",
    ):
        for _ in range(2):  # la seconde visite aurait été servie depuis le cache
            reponse = visiteur.get(url)
            assert reponse.status_code == 200, url
    assert "Le prochain webinaire" in visiteur.get("/webinaires/").content.decode()
    assert "https://reseau.example" in visiteur.get("/embed/webinaires/?partenaire=reseau").get(
        "Content-Security-Policy"
    )
    # Un Redis absent coûte des millisecondes, pas des secondes d'attente par requête.
    assert time.perf_counter() - debut < 15


@pytest.mark.django_db
def test_connexion_sans_redis(redis_injoignable, visiteur):
    utilisateur = UtilisateurFactory(email="membre@exemple.org")
    EmailAddress.objects.create(
        user=utilisateur, email=utilisateur.email, verified=True, primary=True
    )
    assert visiteur.get("/comptes/login/").status_code == 200
    reponse = visiteur.post(
        "/comptes/login/",
        {"login": "membre@exemple.org", "password": "mot-de-passe-solide-42"},
    )
    assert reponse.status_code == 302, reponse.content[:300]
    # La session (cached_db) est en base : la personne reste connectée sans cache.
    espace = visiteur.get("/espace/")
    assert espace.status_code == 200
    assert "Se déconnecter" in espace.content.decode()


@pytest.mark.django_db
def test_sante_dit_que_le_cache_est_en_panne_et_le_reste_fonctionne(redis_injoignable, visiteur):
    reponse = visiteur.get("/sante/")
    assert reponse.status_code == 503
    assert json.loads(reponse.content) == {
        "statut": "erreur",
        "base_de_donnees": "ok",
        "cache": "erreur",
    }
    assert visiteur.get("/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_fiche_demandee_quand_le_courtier_est_injoignable(contenu_programme, tmp_path):
    """Un processus dont Redis (cache et courtier Celery) est absent : la demande de fiche
    répond « en préparation » et la fiche attend en base, reprise après le bail."""
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client(raise_request_exception=False).get('/ressources/fiche-repere.pdf')\n"
        "print('STATUT', r.status_code)\n"
        "print('PREPARATION', 'en préparation' in r.content.decode())\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rameau.settings",
        "DATABASE_URL": url_base_de_test(),
        "REDIS_URL": PORT_FERME,  # cache et courtier ; Celery n'est donc pas « eager »
        "MEDIA_ROOT": str(tmp_path),
        "LOG_LEVEL": "ERROR",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    sortie = subprocess.run(
        [sys.executable, "-c", script],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "STATUT 200" in sortie.stdout, sortie.stdout + sortie.stderr[-3000:]
    assert "PREPARATION True" in sortie.stdout
    fiche = FichePDF.objects.get()
    assert fiche.statut == StatutFiche.EN_ATTENTE
