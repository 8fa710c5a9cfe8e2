from datetime import timedelta

import pytest
from django.utils import timezone

from webinaires import services
from webinaires.models import Cycle, Webinaire


@pytest.fixture(autouse=True)
def _memoire_des_pages_vide():
    """La mémoire locale des pages intégrables suit le cache, vidé entre les tests."""
    from webinaires import embed

    embed._pages_locales.clear()
    embed._version_locale[:] = [None, 0.0]
    yield
    embed._pages_locales.clear()
    embed._version_locale[:] = [None, 0.0]


@pytest.fixture
def cycle(db):
    return Cycle.objects.create(
        titre="Cycle de test", slug="cycle-test", debut="2026-10-01", fin="2027-10-01"
    )


@pytest.fixture
def fabrique_webinaire(cycle):
    compteur = {"n": 0}

    def fabriquer(*, dans=timedelta(days=10), capacite=300, **champs):
        compteur["n"] += 1
        n = compteur["n"]
        debut = (timezone.now() + dans).replace(microsecond=0)
        webinaire = Webinaire.objects.create(
            cycle=cycle,
            mois=f"20{30 + n}-01-01",
            slug=f"webinaire-{n}",
            titre=champs.pop("titre", f"Webinaire n°{n}"),
            debut=debut,
            fin=debut + timedelta(minutes=90),
            capacite=capacite,
            lien_connexion="https://visio.exemple.org/salle",
            **champs,
        )
        services.creer_sequences(webinaire=webinaire)
        return webinaire

    return fabriquer


@pytest.fixture
def webinaire(fabrique_webinaire):
    return fabrique_webinaire()
