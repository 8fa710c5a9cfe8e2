"""Parcours complet au clavier dans Chromium, avec reprise par le lien secret."""

import pytest

from autodiagnostic.models import Diagnostic, Reponse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tabuler_jusqua(page, selecteur: str, maximum: int = 200) -> None:
    """Appuie sur Tab jusqu'à ce que l'élément voulu ait le focus (clavier seul)."""
    for _ in range(maximum):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selecteur):
            return
    raise AssertionError(f"Focus jamais atteint : {selecteur}")


def repondre_echelles(page, valeur: int) -> None:
    """Chaque groupe radio : Tab y entre (sur « 1 »), les flèches choisissent la valeur."""
    groupes = page.locator("fieldset").count()
    for i in range(groupes):
        nom = page.locator("fieldset").nth(i).locator("input").first.get_attribute("name")
        tabuler_jusqua(page, f'input[name="{nom}"]')
        page.keyboard.press("Space")
        for _ in range(valeur - 1):
            page.keyboard.press("ArrowRight")


def test_parcours_au_clavier_avec_reprise(page, live_server, contenu_autodiagnostic):
    page.goto(f"{live_server.url}/autodiagnostic/")
    tabuler_jusqua(page, "#id_organisation_nom")
    page.keyboard.type("Les Jardins du Canal")
    tabuler_jusqua(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/section/1/")
    assert page.locator("progress").get_attribute("value") == "1"

    # Section 1 : les montants, enregistrés automatiquement à la sortie de chaque champ.
    montants = {"ressources.cotisations": "9000", "ressources.benevolat": "21000"}
    for code, valeur in montants.items():
        tabuler_jusqua(page, f'input[name="{code}"]')
        page.keyboard.type(valeur)
    tabuler_jusqua(page, 'input[name="ressources.ventes"]')
    page.keyboard.type("-40")
    page.keyboard.press("Tab")
    erreur = page.locator(".question", has=page.locator('input[name="ressources.ventes"]'))
    erreur.get_by_text("Le montant ne peut pas être négatif.").wait_for()
    page.get_by_text("Réponse enregistrée.").first.wait_for()
    tabuler_jusqua(page, 'input[name="ressources.ventes"]')
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    tabuler_jusqua(page, "button[value=suivant]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/section/2/")

    # Section 2, répondue au clavier ; l'enregistrement automatique suffit.
    repondre_echelles(page, 3)
    diagnostic = Diagnostic.objects.get()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.etat')].every(e => e.textContent.trim())"
    )
    assert Reponse.objects.filter(diagnostic=diagnostic, question__section__ordre=2).count() == 5

    # « Reprendre plus tard » : le lien secret s'affiche.
    tabuler_jusqua(page, "button[value=plus_tard]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/autodiagnostic/{diagnostic.jeton}/")
    lien = page.locator("#lien-reprise").input_value()
    assert lien.endswith(f"/autodiagnostic/{diagnostic.jeton}/")
    page.journal.verifier()
    contexte = page.context
    page.close()

    # Nouvelle page : on rouvre le lien, les réponses sont en place.
    page = contexte.new_page()
    erreurs = []
    page.on("console", lambda m: m.type == "error" and erreurs.append(m.text))
    page.goto(lien)
    tabuler_jusqua(page, "a.bouton")
    page.keyboard.press("Enter")
    page.wait_for_url("**/section/1/")
    for code, valeur in montants.items():
        assert page.locator(f'input[name="{code}"]').input_value() == valeur
    assert page.locator('input[name="ressources.ventes"]').input_value() == ""
    tabuler_jusqua(page, "button[value=suivant]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/section/2/")
    assert page.locator("input[type=radio]:checked").count() == 5
    assert all(
        page.locator("input[type=radio]:checked").nth(i).get_attribute("value") == "3"
        for i in range(5)
    )

    # Les sections suivantes, puis le résultat.
    for numero in range(2, 6):
        if numero > 2:
            repondre_echelles(page, 3)
        tabuler_jusqua(page, "button[value=suivant]")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/section/{numero + 1}/")
    tabuler_jusqua(page, 'input[name="besoin.prioritaire"]')
    page.keyboard.press("Space")  # « Découvrir les repères »
    tabuler_jusqua(page, "button[value=suivant]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/resultat/")
    assert page.locator(".modele-dominant").inner_text() == "M1"
    # Découvrir les repères au niveau 3 « Expérimenter » : le MOOC, pour aller plus loin.
    assert page.locator(".format-recommande").inner_text() == "MOOC"
    assert page.get_by_role("heading", name="Format recommandé : MOOC").is_visible()
    assert page.locator("svg[role=img]").count() == 1
    assert erreurs == []
