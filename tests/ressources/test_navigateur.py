"""Dans Chromium : l'état de la fiche se met à jour tout seul (htmx), sans erreur ni CSP."""

import pytest

from .conftest import diagnostic_termine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_page_d_attente_se_met_a_jour_jusqu_a_la_fiche_prete(
    page, live_server, contenu_programme, contenu_ressources
):
    page.goto(f"{live_server.url}/ressources/fiche-repere.pdf")
    statut = page.get_by_role("status")
    assert "Fiche en préparation…" in statut.inner_text()
    page.get_by_text("La fiche est prête.").wait_for(timeout=15_000)
    lien = page.get_by_role("link", name="Télécharger la fiche (PDF)")
    assert lien.get_attribute("href") == "/ressources/fiche-repere.pdf"
    page.journal.verifier()
    with page.expect_response(lambda r: r.url.endswith("/ressources/fiche-repere.pdf")) as rep:
        lien.click()
    assert rep.value.headers["content-type"] == "application/pdf"


def test_page_de_resultat_affiche_l_etat_de_la_fiche(
    page, live_server, contenu_programme, contenu_autodiagnostic, contenu_ressources
):
    diagnostic = diagnostic_termine(
        organisation_nom="Maison des Possibles", ressources={"ressources.dons": 1000}
    )
    page.goto(f"{live_server.url}{diagnostic.get_resultat_url()}")
    page.get_by_role("link", name="Télécharger ma fiche repère personnalisée (PDF)").wait_for()
    page.get_by_text("La fiche est prête.").wait_for(timeout=15_000)
    page.journal.verifier()
