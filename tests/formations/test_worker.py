"""Un vrai worker Celery : la présence notée part en tâche après le commit ; la tâche
livrée trois fois (présence notée deux fois, plus une relance) n'émet qu'une attestation,
un PDF et un e-mail."""

import time

import pytest
from django.core import mail

from agenda import services as agenda
from envois.enums import StatutEnvoi
from envois.models import Envoi
from formations.enums import GENRE_ATTESTATION
from formations.models import Attestation
from formations.tasks import emettre_attestation
from tests.factories import SessionModuleFactory
from tests.ressources.conftest import worker_celery  # noqa: F401

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _attendre(condition, delai=20.0):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_worker_emet_l_attestation_exactement_une_fois(
    contenu_formations,
    worker_celery,  # noqa: F811
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    lien = SessionModuleFactory(module__titre="Module du worker")
    inscription = agenda.inscription_creer(
        session=lien.session, nom="Alix Bernard", email="alix@exemple.org"
    ).inscription
    assert _attendre(lambda: len(mail.outbox) == 1)  # la confirmation d'inscription
    presence = agenda.presence_marquer(inscription=inscription)
    agenda.presence_marquer(inscription=inscription)
    emettre_attestation.delay(presence.pk)

    def fini():
        envoi = Envoi.objects.filter(genre=GENRE_ATTESTATION).first()
        attestation = Attestation.objects.first()
        return (
            envoi is not None
            and envoi.statut == StatutEnvoi.ENVOYE
            and attestation is not None
            and bool(attestation.pdf)
        )

    assert _attendre(fini)
    time.sleep(1.5)  # laisser passer les livraisons en double
    assert Attestation.objects.count() == 1
    assert Envoi.objects.filter(genre=GENRE_ATTESTATION).count() == 1
    sujets = [m.subject for m in mail.outbox if "attestation" in m.subject]
    assert sujets == ["Votre attestation de présence : Module du worker"]
