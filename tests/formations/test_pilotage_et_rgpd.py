"""Les attestations dans le tableau de bord de l'équipe et dans les registres RGPD : ce qui a
été délivré se compte ; « Mes données » l'exporte ; l'effacement retire le document et
l'identité, et la page de vérification ne le dit plus valide."""

import re

import pytest

from agenda import services as agenda
from confidentialite import services as confidentialite
from formations import services
from formations.models import Attestation
from rameau import rgpd
from tests.factories import UtilisateurFactory

pytestmark = pytest.mark.django_db


def _attestation(lien, capture, email="camille@exemple.org", nom="Camille Durand"):
    inscription = agenda.inscription_creer(session=lien.session, nom=nom, email=email).inscription
    with capture(execute=True):
        agenda.presence_marquer(inscription=inscription)
    return Attestation.objects.get(inscription=inscription)


def test_attestations_delivrees_dans_le_tableau_de_bord(
    client, lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    premiere = _attestation(lien, django_capture_on_commit_callbacks)
    _attestation(lien, django_capture_on_commit_callbacks, email="lou@exemple.org", nom="Lou")
    services.attestation_revoquer(attestation=premiere, motif="Erreur de saisie")
    client.force_login(UtilisateurFactory(is_staff=True))

    html = client.get("/pilotage/").content.decode()

    assert ">Attestations et certificats</h2>" in html
    ligne = re.search(r"<th scope=\"row\">Diversifier ses ressources</th>(.*?)</tr>", html, re.S)
    assert re.findall(r"<td>(\d+)</td>", ligne.group(1)) == ["2", "1"]  # délivrées, valides
    reponse = client.get("/pilotage/attestations-1.csv")
    assert reponse.status_code == 200
    derniere = reponse.content.decode("utf-8-sig").strip().splitlines()[-1].split(";")
    assert derniere[1:] == ["2", "0", "1"]  # présence, certificats, révoquées ce mois-ci


def test_mes_donnees_et_effacement_des_attestations(
    client, lien, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    attestation = _attestation(lien, django_capture_on_commit_callbacks)
    assert attestation.pdf and (tmp_path / attestation.pdf.name).exists()
    personne = rgpd.Personne(email="CAMILLE@exemple.org")

    exportees = confidentialite.donnees_collecter(personnes=[personne])["formations"]
    assert [a["intitule"] for a in exportees["attestations"]] == [attestation.intitule]
    assert exportees["attestations"][0]["verification"] == attestation.get_absolute_url()
    assert "valide" in client.get(attestation.get_absolute_url()).content.decode().lower()

    assert confidentialite.donnees_effacer(personne=personne)["formations"] == 1

    attestation.refresh_from_db()
    assert attestation.nom == "" and attestation.email.endswith("@anonyme.invalid")
    assert not attestation.pdf and not list(tmp_path.glob("**/*.pdf"))
    assert attestation.revoquee_le is not None
    page = client.get(attestation.get_absolute_url()).content.decode()
    assert "Camille" not in page and "révoqu" in page.lower()
    assert Attestation.objects.count() == 1  # la délivrance reste comptée
