"""Pannes avec un vrai worker Celery sur Redis et un vrai puits SMTP : à la fin, chaque
destinataire a reçu exactement un message (compté par le puits)."""

import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from agenda.models import Inscription
from envois.models import Envoi
from envois.tasks import traiter as envoyer_envois_dus

from .puits import Puits, attendre, beat, environnement, worker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _file_vide():
    """La file Celery (Redis des tests) est vidée avant et après chaque scénario."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.flushdb()
    yield
    client.flushdb()


def _inscrits(webinaire, nombre: int) -> set[str]:
    avant = webinaire.debut - timedelta(days=10)
    Inscription.objects.bulk_create(
        Inscription(
            session=webinaire.session,
            nom=f"Personne {i}",
            email=f"personne{i}@exemple.org",
            statut="confirmee",
            confirmee_le=avant,
        )
        for i in range(nombre)
    )
    return {f"personne{i}@exemple.org" for i in range(nombre)}


def _exactement_une_fois(puits: Puits, attendus: set[str]) -> None:
    doublons = {a: n for a, n in puits.recus.items() if n > 1}
    assert doublons == {}
    assert set(puits.recus) == attendus
    assert Envoi.objects.filter(genre="webinaires.heure", statut="envoye").count() == len(attendus)


def test_worker_tue_au_milieu_d_un_lot_de_5000_puis_relance(fabrique_webinaire, tmp_path):
    webinaire = fabrique_webinaire(dans=timedelta(minutes=50))  # rappel H-1 dû depuis 10 min
    attendus = _inscrits(webinaire, 5000)
    with Puits(pause_au_message=1500) as puits:
        env = environnement(puits, ENVOIS_BAIL_SECONDES=3)
        premier = worker(env, tmp_path / "worker1.log", nom="premier", concurrence=1)
        try:
            envoyer_envois_dus.delay()
            assert puits.pause_atteinte.wait(120), "le lot n'a pas commencé"
            premier.tuer()
        finally:
            premier.arreter()
        recus_avant = puits.total
        assert 1500 <= recus_avant < 5000
        en_suspens = Envoi.objects.filter(genre="webinaires.heure").exclude(statut="envoye").count()
        assert en_suspens == 5000 - recus_avant
        time.sleep(3.5)  # bail expiré : le lot du worker tué peut être repris
        second = worker(env, tmp_path / "worker2.log", nom="second")
        try:
            envoyer_envois_dus.delay()  # ce que ferait le prochain passage du beat
            attendre(lambda: puits.total >= 5000, delai=300, message="reprise du lot")
            envoyer_envois_dus.delay()
            time.sleep(2)
        finally:
            second.arreter()
    _exactement_une_fois(puits, attendus)
    assert puits.total == 5000


def test_tache_due_lancee_deux_fois_en_meme_temps(fabrique_webinaire, tmp_path):
    webinaire = fabrique_webinaire(dans=timedelta(minutes=50))
    attendus = _inscrits(webinaire, 2000)
    with Puits() as puits:
        env = environnement(puits)
        a = worker(env, tmp_path / "a.log", nom="a", concurrence=2)
        b = worker(env, tmp_path / "b.log", nom="b", concurrence=2)
        try:
            for _ in range(4):
                envoyer_envois_dus.delay()
            attendre(lambda: puits.total >= 2000, message="envoi des 2000 rappels")
            time.sleep(2)
        finally:
            a.arreter()
            b.arreter()
    _exactement_une_fois(puits, attendus)
    assert puits.total == 2000


def test_beat_arrete_pendant_l_echeance_puis_relance(fabrique_webinaire, tmp_path):
    # Le rappel H-1 devient dû dans 4 secondes.
    webinaire = fabrique_webinaire(dans=timedelta(hours=1, seconds=4))
    attendus = _inscrits(webinaire, 300)
    echeance = webinaire.debut - timedelta(hours=1)
    with Puits() as puits:
        env = environnement(puits, ENVOIS_INTERVALLE_BEAT_SECONDES=1)
        ouvrier = worker(env, tmp_path / "worker.log", nom="ouvrier")
        planificateur = beat(env, tmp_path / "beat1.log", tmp_path)
        try:
            time.sleep(2)
            planificateur.arreter()  # panne du beat avant l'échéance
            assert puits.total == 0
            attendre(lambda: timezone.now() > echeance + timedelta(seconds=2), delai=20)
            time.sleep(1)
            assert puits.total == 0  # personne pour constater l'échéance
            planificateur = beat(env, tmp_path / "beat2.log", tmp_path)
            attendre(lambda: puits.total >= 300, message="rattrapage après relance du beat")
            time.sleep(3)  # plusieurs passages du beat : aucun renvoi
        finally:
            planificateur.arreter()
            ouvrier.arreter()
    _exactement_une_fois(puits, attendus)
    assert puits.total == 300
