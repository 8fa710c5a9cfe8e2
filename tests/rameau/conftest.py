from datetime import date, timedelta

import pytest
from django.conf import settings as reglages_django
from django.test import Client

PORT_FERME = "redis://127.0.0.1:1/0"


def url_base_de_test() -> str:
    """L'URL de la base de test, pour un autre processus Django (même base, même Redis)."""
    r = reglages_django.DATABASES["default"]
    motdepasse = f":{r['PASSWORD']}" if r.get("PASSWORD") else ""
    hote = r["HOST"] or "127.0.0.1"
    return f"postgres://{r['USER']}{motdepasse}@{hote}:{r['PORT'] or 5432}/{r['NAME']}"


@pytest.fixture
def redis_injoignable(settings):
    """Le cache du projet (mêmes réglages) vers un port où rien n'écoute : un vrai Redis
    absent, pas une simulation."""
    joignable = settings.CACHES
    settings.CACHES = {"default": {**joignable["default"], "LOCATION": PORT_FERME}}
    return joignable


@pytest.fixture
def visiteur():
    """Un visiteur anonyme ; une erreur serveur se voit comme une réponse, pas comme une
    exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def webinaire(db):
    """Un webinaire publié dans dix jours, d'une seule place."""
    from tests.factories import WebinaireFactory
    from webinaires.models import Cycle

    cycle = Cycle.objects.create(titre="Cycle", slug="cycle", debut="2026-10-01", fin="2027-10-01")
    return WebinaireFactory(
        cycle=cycle,
        mois=date(2031, 1, 1),
        slug="prochain",
        titre="Le prochain webinaire",
        dans=timedelta(days=10),
        capacite=1,
    )
