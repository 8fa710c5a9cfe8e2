"""Le mode embarqué fait ses liens vers l'adresse qu'il sert (``make run PORT=8080``)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from tests.factories import WebinaireFactory

pytestmark = pytest.mark.django_db

SERVIE = "http://127.0.0.1:8080"


@pytest.fixture
def webinaire():

    return WebinaireFactory(dans=timedelta(days=3))


@pytest.fixture
def sur_le_port_8080(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.SITE_URL_CONFIGUREE = False
    return Client(HTTP_HOST="127.0.0.1:8080")


def test_code_d_integration_pointe_vers_l_adresse_servie(sur_le_port_8080):
    html = sur_le_port_8080.get("/webinaires/integrer/").content.decode()
    assert f"{SERVIE}/embed/widget.js" in html
    assert "127.0.0.1:8000" not in html


@pytest.mark.django_db(transaction=True)
def test_e_mail_de_confirmation_pointe_vers_l_adresse_servie(sur_le_port_8080, webinaire):
    # Comme sous ``make run`` : Celery eager, la tâche part au commit, pendant la requête.
    sur_le_port_8080.post(
        f"/webinaires/{webinaire.slug}/inscrire/",
        {
            "nom": "Camille",
            "email": "camille@exemple.org",
            "profil": "association",
            "consentement": "on",
        },
    )
    (message,) = mail.outbox
    assert f"{SERVIE}/agenda/inscription/" in message.body
    assert "127.0.0.1:8000" not in message.body


def test_site_url_configuree_fait_foi(settings, webinaire):
    settings.SITE_URL = "https://modeles.lerameau.fr"
    settings.SITE_URL_CONFIGUREE = True
    html = Client(HTTP_HOST="127.0.0.1:8080").get("/webinaires/integrer/").content.decode()
    assert "https://modeles.lerameau.fr/embed/widget.js" in html
    assert SERVIE not in html
