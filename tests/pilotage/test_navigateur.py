"""Le tableau de bord de l'équipe et les pages RGPD dans Chromium : axe-core (WCAG 2.1 AA),
aucune erreur de console ni violation de CSP, exports téléchargeables."""

from datetime import timedelta

import pytest
from django.test import Client

from agenda.models import Presence
from programme.models import Partenaire
from tests.autodiagnostic.conftest import diagnostic_termine
from tests.factories import InscriptionFactory, SessionFactory, UtilisateurFactory
from tests.rameau.test_accessibilite import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _connecter(contexte, live_server, utilisateur):
    client = Client()
    client.force_login(utilisateur)
    contexte.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_pilotage_et_pages_rgpd_accessibles(navigateur, live_server, contenu_autodiagnostic, page):
    relais = Partenaire.objects.create(code="relais-nav", nom="Relais du navigateur")
    for i in range(2):
        diagnostic_termine(echelle=2 + i)
        session = SessionFactory(dans=-timedelta(days=2 + i))
        inscription = InscriptionFactory(session=session, relais=relais)
        Presence.objects.create(inscription=inscription, session=session)
    equipe = UtilisateurFactory(email="equipe-nav@lerameau.fr", is_staff=True)
    membre = UtilisateurFactory(email="membre-nav@exemple.org")

    # Sans contournement de CSP : aucune violation, aucune erreur de console.
    _connecter(page.context, live_server, equipe)
    page.goto(live_server.url + "/pilotage/")
    assert page.get_by_role("heading", name="Tableau de bord de l'équipe").is_visible()
    assert page.get_by_role("img", name="Diagnostics terminés par modèle dominant").is_visible()
    page.get_by_label("Période").select_option("6")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**/pilotage/?mois=6")
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="XLSX — Inscriptions apportées par chaque relais").click()
    assert telechargement.value.suggested_filename.startswith("pilotage-relais-1-")
    page.journal.verifier()

    contexte = navigateur.new_context(locale="fr-FR", bypass_csp=True)
    audit = contexte.new_page()
    constats = {}
    for chemin in ["/confidentialite/", "/confidentialite/mes-donnees/"]:
        audit.goto(live_server.url + chemin)
        constats[chemin] = _violations(audit)
    _connecter(contexte, live_server, membre)
    for chemin in ["/espace/", "/confidentialite/mon-compte/supprimer/"]:
        audit.goto(live_server.url + chemin)
        constats[chemin] = _violations(audit)
    contexte.clear_cookies()
    _connecter(contexte, live_server, equipe)
    audit.goto(live_server.url + "/pilotage/")
    constats["/pilotage/"] = _violations(audit)
    contexte.close()
    assert {c: v for c, v in constats.items() if v} == {}
