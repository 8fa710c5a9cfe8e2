"""Accessibilité (RGAA / WCAG 2.1 AA) des pages principales, vérifiée par axe-core dans
Chromium. axe-core est embarqué dans ``tests/rameau/axe/`` (aucun accès réseau)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "axe" / "axe.min.js").read_text()
REGLES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _violations(page) -> list:
    page.add_script_tag(content=AXE)
    return page.evaluate(
        """async (regles) => {
            const r = await axe.run(document, {runOnly: regles});
            return r.violations.map(v => ({
                regle: v.id, impact: v.impact,
                cibles: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }));
        }""",
        REGLES,
    )


@pytest.fixture
def demo(contenu_programme, settings, tmp_path):
    from django.apps import apps

    from autodiagnostic import contenu as contenu_autodiagnostic
    from ressources import contenu as contenu_ressources

    contenu_autodiagnostic.charger(apps)
    contenu_ressources.charger(apps)
    settings.MEDIA_ROOT = tmp_path
    call_command("charger_demo", "--force", stdout=io.StringIO())


def test_pages_principales_sans_violation_wcag(navigateur, live_server, demo):
    from autodiagnostic.models import Diagnostic
    from programme.demo import MEMBRE_EMAIL, MEMBRE_MOT_DE_PASSE
    from webinaires.selectors import prochain_webinaire

    diagnostic = Diagnostic.objects.filter(resultat__isnull=False).first()
    webinaire = prochain_webinaire()
    pages = [
        "/",
        "/modeles/",
        "/modeles/m6/",
        "/piliers/formation/",
        "/formats/mooc/",
        "/formats/ateliers/",  # avec les sessions de démonstration
        "/partenaires/",
        "/autodiagnostic/",
        f"/autodiagnostic/{diagnostic.jeton}/section/1/",
        diagnostic.get_resultat_url(),
        "/webinaires/",
        webinaire.get_absolute_url(),
        "/webinaires/integrer/",
        "/embed/webinaires/?partenaire=isbl",
        "/ressources/",
        "/comptes/login/",
        "/comptes/signup/",
    ]
    # L'injection d'axe passe outre la CSP du site, le temps de l'audit seulement.
    contexte = navigateur.new_context(locale="fr-FR", bypass_csp=True)
    page = contexte.new_page()
    constats = {}
    for chemin in pages:
        page.goto(live_server.url + chemin)
        if violations := _violations(page):
            constats[chemin] = violations
        if chemin == "/formats/ateliers/":
            assert page.get_by_role("heading", name="Prochaines sessions").is_visible()

    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Courriel").fill(MEMBRE_EMAIL)
    page.get_by_label("Mot de passe").fill(MEMBRE_MOT_DE_PASSE)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/espace/")
    for chemin in ["/espace/", "/espace/organisations/nouvelle/"]:
        page.goto(live_server.url + chemin)
        if violations := _violations(page):
            constats[chemin] = violations
    contexte.close()
    assert constats == {}
