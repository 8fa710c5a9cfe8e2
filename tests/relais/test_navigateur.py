"""Parcours réel dans Chromium : arrivée par ``/?relais=isbl``, navigation, inscription à un
webinaire et diagnostic → attribués à ISBL dans l'administration et sur la page d'impact
d'ISBL ; pages publiques des relais sans violation WCAG (axe-core)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from agenda.models import Inscription
from autodiagnostic.models import Diagnostic
from relais import services
from relais.enums import StatutNumero
from tests.factories import NumeroFactory
from tests.rameau.test_accessibilite import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contenu(contenu_programme, django_db_blocker):
    from django.apps import apps

    from autodiagnostic import contenu as contenu_autodiagnostic

    with django_db_blocker.unblock():
        contenu_autodiagnostic.charger(apps)


def test_arrivee_par_isbl_inscription_et_diagnostic_attribues(
    page, live_server, settings, contenu, canaux, fabrique_webinaire, client
):
    settings.SITE_URL = live_server.url
    webinaire = fabrique_webinaire(dans=timedelta(days=12), titre="Diversifier ses ressources")
    isbl = canaux["isbl"].partenaire
    acces = services.acces_impact_obtenir(partenaire=isbl)

    page.goto(f"{live_server.url}/?relais=isbl")
    page.goto(f"{live_server.url}/modeles/")  # on navigue : l'origine reste
    page.goto(f"{live_server.url}/webinaires/{webinaire.slug}/")
    page.get_by_label("Nom et prénom").fill("Dominique Relais")
    page.get_by_label("Adresse e-mail").fill("dominique@exemple.org")
    page.get_by_label("J'accepte").check()
    page.get_by_role("button", name="Je m'inscris").click()
    page.get_by_text("Votre inscription est confirmée").wait_for()

    page.goto(f"{live_server.url}/autodiagnostic/")
    page.get_by_label("Nom de l'organisation (facultatif)").fill("Les Jardins du Canal")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/section/1/")

    assert Inscription.objects.get().origine == "isbl"
    assert Diagnostic.objects.get().origine == "isbl"

    # La page d'impact d'ISBL (lien secret) compte la visite, l'inscription et le diagnostic.
    page.goto(live_server.url + acces.get_absolute_url())
    for titre in ("Visites", "Inscriptions", "Diagnostics"):
        section = page.locator("section.impact", has=page.get_by_role("heading", name=titre))
        assert "1 au total" in section.get_by_role("heading").inner_text()
        assert section.locator("svg[role=img] title").count() == 1
        mois = section.locator("tbody tr").last
        assert re.search(r"\b1$", mois.inner_text().strip())
    page.journal.verifier()

    # Dans l'administration : le tableau des relais et la liste des inscriptions.
    from tests.factories import UtilisateurFactory

    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    html = client.get("/admin/relais/canal/statistiques/").content.decode()
    assert "Newsletter ISBL" in html
    ligne = re.search(r"<tr><th scope=\"row\">[^<]+</th>((?:<td>\d+</td>)+)</tr>\s*</tbody>", html)
    assert ligne and re.findall(r"\d+", ligne.group(1))[:3] == ["1", "1", "1"]
    assert "isbl" in client.get("/admin/agenda/inscription/").content.decode()


def test_pages_des_relais_sans_violation_wcag(navigateur, live_server, canaux, webinaire):
    maintenant = timezone.now()
    numero = NumeroFactory(statut=StatutNumero.ENVOYE, envoi_le=maintenant, publie_le=maintenant)
    acces = services.acces_impact_obtenir(partenaire=canaux["isbl"].partenaire)
    contexte = navigateur.new_context(locale="fr-FR", bypass_csp=True)
    page = contexte.new_page()
    constats = {}
    for chemin in (
        "/lettre/",
        numero.get_absolute_url(),
        "/relais/kit/isbl/",
        acces.get_absolute_url(),
    ):
        page.goto(live_server.url + chemin)
        if violations := _violations(page):
            constats[chemin] = violations
    contexte.close()
    assert constats == {}


def test_bouton_copier_sans_erreur_ni_csp(page, live_server, canaux, webinaire):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/relais/kit/isbl/")
    page.get_by_role("button", name="Copier").first.click()
    page.get_by_text("Copié dans le presse-papiers.").wait_for()
    assert "utm_source=isbl" in page.evaluate("navigator.clipboard.readText()")
    page.journal.verifier()
