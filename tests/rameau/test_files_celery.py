"""Files Celery par nature de travail (« mail », « pdf », « celery ») : le routage, et de
vrais workers qui n'écoutent que leur file ; sans -Q, un worker les écoute toutes."""

import time

import pytest
from django.db import connections, transaction

from confidentialite import services as services_confidentialite
from confidentialite.enums import ObjetDemande
from envois.enums import StatutEnvoi
from envois.models import Envoi
from rameau.celery import app


def _file(nom_tache: str) -> str:
    return app.amqp.router.route({}, nom_tache)["queue"].name


def test_routage_des_taches_par_file():
    assert _file("envois.tasks.envoyer_envoi") == "mail"
    assert _file("envois.tasks.traiter") == "mail"
    assert _file("ressources.tasks.rendre_fiche") == "pdf"
    assert _file("confidentialite.tasks.preparer_archive") == "celery"
    assert {q.name for q in app.amqp.queues.values()} == {"celery", "mail", "pdf"}


def _attendre(condition, delai=20.0) -> bool:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_un_worker_n_execute_que_sa_file(settings, mailoutbox):
    from celery.contrib.testing.worker import start_worker

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reglages = connections["default"].settings_dict
    ancien, reglages["CONN_MAX_AGE"] = reglages["CONN_MAX_AGE"], 0
    app.control.purge()
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=["pdf"]
        ):
            with transaction.atomic():
                services_confidentialite.demande_creer(
                    email="file@exemple.org", objet=ObjetDemande.EXPORT
                )
            # Le worker « pdf » ne prend pas l'e-mail, qui attend dans la file « mail ».
            assert not _attendre(
                lambda: Envoi.objects.filter(statut=StatutEnvoi.ENVOYE).exists(), delai=4
            )
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=["mail"]
        ):
            assert _attendre(lambda: Envoi.objects.filter(statut=StatutEnvoi.ENVOYE).exists())
        assert [m.to for m in mailoutbox] == [["file@exemple.org"]]
    finally:
        reglages["CONN_MAX_AGE"] = ancien
        # ``start_worker(queues=…)`` restreint les files de l'application elle-même : les
        # workers des tests suivants, lancés sans ``queues``, doivent écouter les trois.
        app.amqp.queues.select(list(app.amqp.queues))


@pytest.mark.django_db
def test_pool_de_connexions_postgresql_active_par_l_environnement():
    """DB_POOL_MAX_SIZE active le pool de psycopg (Django 5.2) ; CONN_MAX_AGE passe à 0."""
    import os
    import subprocess
    import sys

    from django.conf import settings as reglages

    from tests.bench.outils import url_base_de_donnees

    if "postgresql" not in reglages.DATABASES["default"]["ENGINE"]:
        pytest.fail("PostgreSQL requis : DATABASE_URL doit viser PostgreSQL (make test)")
    sortie = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection as c; c.ensure_connection(); "
            "print(type(c.pool).__name__, c.pool.max_size, c.settings_dict['CONN_MAX_AGE'])",
        ],
        env={
            **os.environ,
            "DB_POOL_MAX_SIZE": "4",
            "DATABASE_URL": url_base_de_donnees(),
            "DJANGO_SETTINGS_MODULE": "rameau.settings",
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert sortie.strip().splitlines()[-1].split() == ["ConnectionPool", "4", "0"]
