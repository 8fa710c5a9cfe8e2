"""Le cache versionné partagé (``rameau.cache``) : fraîcheur entre instances, durée de vie,
invalidations faites pendant une panne de Redis."""

import os
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings as reglages_django
from django.test import Client

from programme.models import ModeleSocioEconomique
from rameau import cache as cache_partage
from tests.autodiagnostic import conftest as conftest_autodiagnostic
from tests.autodiagnostic.conftest import diagnostic_termine

from .conftest import PORT_FERME, url_base_de_test

RACINE = Path(__file__).resolve().parents[2]


# Questionnaires par défaut, rechargés après les tests transactionnels.
contenu_autodiagnostic = conftest_autodiagnostic.contenu_autodiagnostic


def _autre_instance(code: str) -> None:
    """Exécute ``code`` dans un autre processus Django (même base, même Redis)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rameau.settings",
        "DATABASE_URL": url_base_de_test(),
        "REDIS_URL": reglages_django.REDIS_URL,
    }
    sortie = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert sortie.returncode == 0, sortie.stderr[-3000:]


def _attendre(condition, *, delai: float) -> float:
    debut = time.monotonic()
    while time.monotonic() - debut < delai:
        if condition():
            return time.monotonic() - debut
        time.sleep(0.1)
    pytest.fail(f"toujours pas vrai après {delai} s")


@pytest.mark.django_db(transaction=True)
def test_nom_de_modele_change_sur_une_autre_instance_visible_en_quelques_secondes(
    contenu_autodiagnostic,
):
    diagnostic = diagnostic_termine(domaine_activite="culture")
    url = diagnostic.get_resultat_url()
    code = diagnostic.resultat.dominant
    ancien = ModeleSocioEconomique.objects.get(code=code).nom
    visiteur = Client()
    assert ancien in unescape(visiteur.get(url).content.decode())
    assert ancien in unescape(visiteur.get(url).content.decode())  # servie depuis le cache
    _autre_instance(
        "from programme.models import ModeleSocioEconomique\n"
        f"modele = ModeleSocioEconomique.objects.get(code={code!r})\n"
        "modele.nom = 'Nom revu par l’équipe'\n"
        "modele.save()\n"
    )
    delai = _attendre(
        lambda: "Nom revu par l’équipe" in unescape(visiteur.get(url).content.decode()),
        delai=5,
    )
    assert delai <= cache_partage.RELECTURE_VERSIONS + 1


@pytest.mark.django_db
def test_copie_locale_ne_prolonge_pas_la_duree_de_vie():
    cle = cache_partage.cle(("programme",), "essai:duree")
    cache_partage.ecrire(cle, "valeur", 1.5)
    time.sleep(0.7)
    cache_partage.vider_memoire_locale()  # comme un autre processus, qui la copie chez lui
    cle = cache_partage.cle(("programme",), "essai:duree")
    assert cache_partage.lire(cle) == "valeur"
    time.sleep(0.9)  # 1,6 s après l'écriture : échue, même dans la copie faite à 0,7 s
    assert cache_partage.lire(cle) is None


@pytest.mark.django_db
def test_modification_faite_pendant_une_panne_de_redis_rejouee_a_son_retour(settings):
    visiteur = Client()
    visiteur.get("/modeles/M1/")  # en cache
    joignable = settings.CACHES
    settings.CACHES = {"default": {**joignable["default"], "LOCATION": PORT_FERME}}
    modele = ModeleSocioEconomique.objects.get(code="M1")
    modele.nom = "Renommé pendant la panne"
    modele.save()  # l'invalidation n'atteint pas Redis
    assert "Renommé pendant la panne" in unescape(visiteur.get("/modeles/M1/").content.decode())
    settings.CACHES = joignable
    time.sleep(cache_partage.RELECTURE_VERSIONS + 0.1)
    assert "Renommé pendant la panne" in unescape(visiteur.get("/modeles/M1/").content.decode())
