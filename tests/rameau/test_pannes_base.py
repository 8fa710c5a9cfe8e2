"""PostgreSQL injoignable : une page 503 en français (statique, sans base) au lieu de la page
nue « Server Error (500) », et ``/sante/`` qui dit quelle partie est en panne.

La connexion du projet est pointée vers un port fermé : une vraie panne, pas une simulation.
"""

import json
from html import unescape

import pytest
from django.db import connection


@pytest.fixture
def base_injoignable(django_db_blocker):
    reglages = connection.settings_dict
    anciens = (reglages["HOST"], reglages["PORT"])
    with django_db_blocker.unblock():
        connection.close()
        reglages["HOST"], reglages["PORT"] = "127.0.0.1", 1
        try:
            yield
        finally:
            connection.close()
            reglages["HOST"], reglages["PORT"] = anciens


@pytest.mark.parametrize(
    ("methode", "url"),
    [("get", "/"), ("get", "/webinaires/"), ("get", "/modeles/M1/"), ("post", "/comptes/login/")],
)
def test_page_503_en_francais_quand_la_base_ne_repond_pas(base_injoignable, visiteur, methode, url):
    reponse = getattr(visiteur, methode)(url, {"login": "a@exemple.org", "password": "x"})
    assert reponse.status_code == 503
    assert reponse["Retry-After"] == "60"
    assert reponse["Content-Type"] == "text/html; charset=utf-8"
    assert reponse["Cache-Control"] == "no-store"
    html = unescape(reponse.content.decode())
    assert '<html lang="fr">' in html
    assert "Service momentanément indisponible" in html
    assert "Server Error" not in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "<script" not in html


def test_sante_dit_que_la_base_est_en_panne(base_injoignable, visiteur):
    reponse = visiteur.get("/sante/")
    assert reponse.status_code == 503
    assert json.loads(reponse.content) == {
        "statut": "erreur",
        "base_de_donnees": "erreur",
        "cache": "ok",
    }


def test_autre_erreur_serveur_reste_une_500(visiteur, settings):
    # Une erreur qui n'est pas une panne de la base n'est pas déguisée en indisponibilité.
    settings.ROOT_URLCONF = "tests.rameau.urls_erreur"
    reponse = visiteur.get("/erreur/")
    assert reponse.status_code == 500
