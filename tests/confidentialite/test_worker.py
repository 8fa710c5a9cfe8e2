"""« Mes données » avec un vrai worker Celery sur Redis : l'archive est préparée par le
worker (file « celery »), l'e-mail du lien part par la file « mail »."""

import io
import json
import re
import time
import zipfile

import pytest
from django.core import mail
from django.db import connections
from django.test import Client

from confidentialite.enums import StatutDemande
from confidentialite.models import DemandeDonnees
from rameau.celery import app
from tests.factories import InscriptionFactory, UtilisateurFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_prepare_l_archive_et_envoie_le_lien(contenu_programme):
    from celery.contrib.testing.worker import start_worker

    utilisateur = UtilisateurFactory(email="worker@exemple.org")
    InscriptionFactory(email="worker@exemple.org", nom="Par le worker")
    client = Client()
    client.force_login(utilisateur)
    reglages = connections["default"].settings_dict
    ancien, reglages["CONN_MAX_AGE"] = reglages["CONN_MAX_AGE"], 0
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            client.post("/confidentialite/mon-compte/export/")
            fin = time.monotonic() + 30
            while time.monotonic() < fin and not mail.outbox:
                time.sleep(0.2)
    finally:
        reglages["CONN_MAX_AGE"] = ancien
    assert DemandeDonnees.objects.get().statut == StatutDemande.PRETE
    (message,) = mail.outbox
    chemin = "/" + re.search(r"https?://\S+", message.body).group(0).split("/", 3)[3]
    contenu = b"".join(client.get(chemin).streaming_content)
    donnees = json.loads(zipfile.ZipFile(io.BytesIO(contenu)).read("donnees.json"))
    assert donnees["donnees"]["agenda"]["inscriptions"][0]["nom"] == "Par le worker"
