"""Le tableau de bord de l'équipe montre ce que chaque relais a apporté (attribution au
premier contact), avec le même nombre de requêtes quel que soit le nombre d'origines."""

import re

import pytest

from tests.factories import UtilisateurFactory

pytestmark = pytest.mark.django_db

FORMULAIRE = {"nom": "Camille Martin", "profil": "association", "consentement": "on"}


def _visite(client, relais, email, webinaire):
    client.get(f"/?relais={relais}")
    client.post(f"/webinaires/{webinaire.slug}/inscrire/", {**FORMULAIRE, "email": email})
    client.post("/autodiagnostic/", {"profil": "association", "organisation_nom": "Asso"})


def test_ce_que_chaque_relais_a_apporte(
    client, contenu_programme, webinaire, django_assert_num_queries
):
    from django.test import Client

    _visite(Client(), "isbl", "a@exemple.org", webinaire)
    client.force_login(UtilisateurFactory(is_staff=True))
    with django_assert_num_queries(15):
        html = client.get("/pilotage/").content.decode()

    assert ">Ce que chaque relais a apporté</h2>" in html
    ligne = re.search(r"<th scope=\"row\">([^<]*ISBL[^<]*)</th>(.*?)</tr>", html, re.S | re.I)
    # Visites, inscriptions, diagnostics, abonnements (confirmés), comptes créés.
    assert re.findall(r"<td>(\d+)</td>", ligne.group(2)) == ["1", "1", "1", "0", "0"]

    for rang, relais in enumerate(("ideas", "trajectoire")):
        _visite(Client(), relais, f"b{rang}@exemple.org", webinaire)
    with django_assert_num_queries(15):
        html = client.get("/pilotage/").content.decode()
    assert html.count("Visites par origine, par mois") >= 1
    csv = client.get("/pilotage/origines-1.csv").content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == 1 + 3  # en-tête + trois origines
