import statistics
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from autodiagnostic import charts, presentation, selectors
from autodiagnostic.models import Resultat
from tests.factories import MembreFactory, OrganisationFactory

from .conftest import diagnostic_termine


def test_svg_scores_pur_sans_style_ni_script_et_bien_forme():
    svg = charts.svg_scores(
        {"M1": 52.9, "M2": 17.7, "M3": 0, "M4": 29.4, "M5": 0, "M6": 0, "M7": 0},
        titre="Répartition <test>",
    )
    racine = ET.fromstring(svg)
    assert racine.tag.endswith("svg")
    assert "style=" not in svg and "<script" not in svg and "on" + "load" not in svg
    assert "Répartition &lt;test&gt;" in svg
    assert "52,9 %" in svg
    assert racine.get("role") == "img"
    barres = [e for e in racine.iter() if e.tag.endswith("rect")]
    assert len(barres) == 7
    largeurs = [float(b.get("width")) for b in barres]
    assert largeurs[0] == max(largeurs) and largeurs[2] == 0


def test_svg_scores_avec_repere():
    svg = charts.svg_scores({"M1": 50, "M2": 50}, titre="t", reference={"M1": 10, "M2": 90})
    ET.fromstring(svg)
    assert "Médiane des pairs" in svg


@pytest.mark.django_db
def test_repere_pairs_affiche_a_partir_de_cinq_autres(client):
    moi = diagnostic_termine(domaine_activite="culture")
    for i in range(4):
        diagnostic_termine(
            domaine_activite="culture", ressources={"ressources.ventes": 100 + i * 10}
        )
    diagnostic_termine(domaine_activite="sport")  # autre domaine : ignoré
    assert selectors.repere_pairs(domaine_activite="culture") is None
    assert "Vous et vos pairs" not in client.get(moi.get_resultat_url()).content.decode()
    diagnostic_termine(domaine_activite="culture", ressources={"ressources.dons": 100})
    repere = selectors.repere_pairs(domaine_activite="culture")
    assert repere["nombre"] == 5
    domaine = Resultat.objects.filter(domaine_activite="culture")
    for m in ["M1", "M2", "M6"]:
        attendu = statistics.median(domaine.values_list(m.lower(), flat=True))
        assert repere["scores"][m] == pytest.approx(attendu, abs=0.05)
    page = client.get(moi.get_resultat_url()).content.decode()
    assert "Vous et vos pairs" in page
    assert "5 autres organisations du domaine « Culture »" in page


@pytest.mark.django_db
def test_evolution_des_resultats_de_l_organisation(client):
    organisation = OrganisationFactory()
    ancien = diagnostic_termine(organisation=organisation, echelle=1)
    Resultat.objects.filter(diagnostic=ancien).update(
        calcule_le=timezone.now() - timezone.timedelta(days=400)
    )
    recent = diagnostic_termine(organisation=organisation, echelle=4)
    # Le résultat d'une organisation est réservé à ses membres.
    client.force_login(MembreFactory(organisation=organisation).utilisateur)
    page = client.get(recent.get_resultat_url()).content.decode()
    assert "Votre évolution" in page
    assert "Découvrir" in page and "Transformer" in page
    assert "Votre évolution" not in client.get(ancien.get_resultat_url()).content.decode()


@pytest.mark.django_db
def test_contexte_resultat_pour_la_fiche():
    diagnostic = diagnostic_termine(
        ressources={"ressources.ventes": 45, "ressources.subventions": 40, "ressources.dons": 15},
        besoin="se_former",
    )
    contexte = presentation.contexte_resultat(
        resultat=presentation.resultat_moteur(diagnostic.resultat),
        organisation_nom="Asso",
        date=timezone.now(),
    )
    assert [c for c, _n, _v in contexte["scores"]] == ["M1", "M2", "M3", "M4", "M5", "M6", "M7"]
    assert [m.code for m in contexte["dominant"]] == ["M2", "M4"]
    assert contexte["libelle_dominant"] == "M2 / M4"
    # Besoin « se former » au niveau 2 : le MOOC (table besoin × niveau).
    assert contexte["format"].slug == "mooc"
    assert contexte["niveau_libelle"] == "Comprendre"
    assert contexte["svg"].startswith("<svg")
    assert {f.slug for f in contexte["familles_leviers"]} == {
        "revenus-activite",
        "financements-publics",
    }
    assert len(contexte["maturite"]) == 4
    assert contexte["prochaine_occasion"]["url"].startswith("https://")  # lien du MOOC


@pytest.mark.django_db
@pytest.mark.parametrize("nombre", [5, 6])
def test_repli_sqlite_donne_la_meme_mediane(monkeypatch, nombre):
    for i in range(nombre):
        diagnostic_termine(
            domaine_activite="sport",
            ressources={"ressources.ventes": 10 + i * 7, "ressources.dons": 50 - i * 3},
        )
    postgres = selectors.calculer_repere_pairs("sport")

    class FauxSqlite:
        vendor = "sqlite"

    monkeypatch.setattr(selectors, "connection", FauxSqlite())
    assert selectors.calculer_repere_pairs("sport") == postgres
    assert selectors.calculer_repere_pairs("inconnu") == {"nombre": 0, "scores": None}


@pytest.mark.django_db
def test_resultat_propose_le_prochain_webinaire(client):
    from datetime import date, timedelta

    from tests.factories import WebinaireFactory
    from webinaires.models import Cycle

    cycle = Cycle.objects.create(
        titre="Cycle", slug="cycle-test", debut=date(2026, 1, 1), fin=date(2027, 12, 1)
    )
    debut = timezone.now() + timedelta(days=10)
    WebinaireFactory(
        cycle=cycle,
        mois=debut.date().replace(day=1),
        slug="prochain-test",
        titre="Diversifier ses ressources",
        dans=timedelta(days=10),
    )
    diagnostic = diagnostic_termine(echelle=1)  # niveau 1 → Webinaires
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    assert "Format recommandé : Webinaires" in page
    assert "Prochaine occasion" in page
    assert "Diversifier ses ressources" in page
