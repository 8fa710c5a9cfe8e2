"""Le parcours complet avec un vrai worker Celery sur Redis."""

from html import unescape

import pytest

from ressources.enums import StatutFiche
from ressources.models import FichePDF

from .conftest import attendre_pdf, diagnostic_termine, lire_pdf, texte_pdf

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contenus(contenu_programme, contenu_autodiagnostic, contenu_ressources):
    return None


def test_worker_prepare_puis_sert_la_fiche_personnalisee(client, contenus, worker_celery):
    diagnostic = diagnostic_termine(
        organisation_nom="Collectif Vélo Solidaire",
        ressources={"ressources.subventions": 70000, "ressources.dons": 20000},
        besoin="experimenter",
    )
    resultat = diagnostic.resultat
    url = f"/autodiagnostic/{diagnostic.jeton}/fiche.pdf"

    reponse = client.get(url)
    html = unescape(reponse.content.decode())
    assert reponse["Content-Type"].startswith("text/html")
    assert "Fiche en préparation…" in html

    contenu = attendre_pdf(client, url)
    lecteur = lire_pdf(contenu)
    assert len(lecteur.pages) >= 2
    assert lecteur.metadata.title == "Fiche repère personnalisée — Collectif Vélo Solidaire"
    texte = texte_pdf(contenu)
    assert "Collectif Vélo Solidaire" in texte
    for code in ("M1", "M2", "M3", "M4", "M5", "M6", "M7"):
        assert code in texte
    assert "Subventions publiques" in texte  # nom du modèle dominant (M4)
    assert resultat.dominant == "M4"
    assert resultat.format.nom in texte
    fiche = FichePDF.objects.get()
    assert (fiche.statut, fiche.tentatives) == (StatutFiche.PRETE, 1)

    # Le fragment htmx annonce la fiche prête ; le téléchargement suivant vient du stockage.
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "La fiche est prête." in fragment
    assert lire_pdf(attendre_pdf(client, url, delai=1)).metadata.title == lecteur.metadata.title
    assert FichePDF.objects.get().tentatives == 1


def test_worker_rend_la_fiche_generique(client, contenus, worker_celery):
    reponse = client.get("/ressources/fiche-repere.pdf")
    assert "Fiche en préparation…" in unescape(reponse.content.decode())
    contenu = attendre_pdf(client, "/ressources/fiche-repere.pdf")
    assert 2 <= len(lire_pdf(contenu).pages) <= 4
    assert "Mobilisation privée" in texte_pdf(contenu)
