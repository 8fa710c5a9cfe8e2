"""Export CSV des résultats du diagnostic, depuis l'administration."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from autodiagnostic.models import Diagnostic, Resultat
from tests.factories import UtilisateurFactory

from .conftest import diagnostic_termine

pytestmark = pytest.mark.django_db


@pytest.fixture
def equipe(client):
    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    return client


def _exporter(equipe, resultats):
    reponse = equipe.post(
        reverse("admin:autodiagnostic_resultat_changelist"),
        {"action": "exporter_csv", "_selected_action": [r.pk for r in resultats]},
    )
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    assert reponse.content.startswith("\ufeff".encode())
    return reponse


def test_export_des_resultats_en_francais_heure_de_paris_et_sans_formule(equipe):
    sage = diagnostic_termine(organisation_nom="Asso A", domaine_activite="culture")
    piege = diagnostic_termine(organisation_nom="Asso B", ressources={"ressources.dons": 10})
    Diagnostic.objects.filter(pk=piege.pk).update(organisation_nom='=HYPERLINK("http://x")')
    # Calculé le 17 décembre 2026 à 12 h UTC : 13 h à Paris (heure d'hiver).
    Resultat.objects.filter(diagnostic=sage).update(
        calcule_le=datetime(2026, 12, 17, 12, tzinfo=UTC)
    )
    reponse = _exporter(equipe, Resultat.objects.all())
    assert 'filename="resultats-autodiagnostic.csv"' in reponse["Content-Disposition"]
    lignes = list(csv.reader(io.StringIO(reponse.content.decode("utf-8-sig")), delimiter=";"))
    entete, *donnees = lignes
    assert entete[:4] == ["Calculé le", "Nom de l'organisation", "Profil", "Version"]
    assert "Maturité globale" in entete and "Niveau" in entete and "M1" in entete
    par_nom = {ligne[1]: dict(zip(entete, ligne, strict=True)) for ligne in donnees}
    assert set(par_nom) == {"Asso A", '\'=HYPERLINK("http://x")'}
    ligne = par_nom["Asso A"]
    assert ligne["Calculé le"] == "17/12/2026 13:00"
    assert ligne["Profil"] == "Association"
    assert ligne["Domaine d'activité"] == "Culture"
    assert ligne["Niveau"] == Resultat.objects.get(diagnostic=sage).get_niveau_display()
    assert ligne["Format"] == Resultat.objects.get(diagnostic=sage).format.nom
    assert "," in ligne["Maturité globale"] and "." not in ligne["Maturité globale"]
