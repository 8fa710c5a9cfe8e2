import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_accueil_vers_le_modele_m6_sans_erreur_ni_violation_csp(
    page, live_server, contenu_programme
):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").first.inner_text().startswith("Programme « (Re)Connaissance")

    # Le lien d'évitement est le premier élément atteint au clavier.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"

    page.get_by_role("link", name="Découvrir les sept modèles socio-économiques").click()
    page.get_by_role("link", name="M6 Mobilisation privée").click()
    page.wait_for_url("**/modeles/m6/")
    assert page.locator("h1").inner_text() == "M6 Mobilisation privée"
    assert page.get_by_text("Indépendance de parole").is_visible()
    assert page.get_by_text("Coût de la collecte").is_visible()
    # htmx est chargé depuis static/, sans CDN.
    assert page.evaluate("typeof window.htmx") == "object"
    page.journal.verifier()
