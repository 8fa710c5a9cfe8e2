"""Un numéro de la lettre à 5 000 abonnés, worker tué au milieu de l'envoi puis relancé :
chacun reçoit exactement un message (compté par un vrai puits SMTP)."""

import time

import pytest
import redis
from django.conf import settings

from envois.models import Envoi
from envois.tasks import traiter as envoyer_envois_dus
from relais import services
from relais.models import Numero
from tests.envois.puits import Puits, attendre, environnement, worker
from tests.factories import NumeroFactory

from .conftest import abonnes

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _file_vide():
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.flushdb()
    yield
    client.flushdb()


def test_numero_a_5000_abonnes_worker_tue_puis_relance(lettre, tmp_path):
    attendus = abonnes(lettre, 5000)
    numero = NumeroFactory(titre="Lettre de la panne")
    services.numero_programmer(numero=numero)
    with Puits(pause_au_message=1500) as puits:
        env = environnement(puits, ENVOIS_BAIL_SECONDES=3)
        premier = worker(env, tmp_path / "worker1.log", nom="premier", concurrence=1)
        try:
            envoyer_envois_dus.delay()
            assert puits.pause_atteinte.wait(180), "l'envoi n'a pas commencé"
            premier.tuer()
        finally:
            premier.arreter()
        recus_avant = puits.total
        assert 1500 <= recus_avant < 5000
        time.sleep(3.5)  # bail expiré : le lot du worker tué peut être repris
        second = worker(env, tmp_path / "worker2.log", nom="second")
        try:
            envoyer_envois_dus.delay()  # le passage suivant du beat
            attendre(lambda: puits.total >= 5000, delai=400, message="reprise de l'envoi")
            envoyer_envois_dus.delay()
            time.sleep(2)
        finally:
            second.arreter()
    doublons = {a: n for a, n in puits.recus.items() if n > 1}
    assert doublons == {}
    assert set(puits.recus) == attendus
    assert puits.total == 5000
    assert Envoi.objects.filter(genre="relais.numero", statut="envoye").count() == 5000
    assert Numero.objects.get().publie_le is not None
