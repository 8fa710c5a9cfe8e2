"""Un vrai Chromium : la page d'un partenaire, servie sur un autre port, intègre le widget."""

import functools
import http.server
import threading
from datetime import timedelta

import pytest

from agenda.models import Inscription
from tests.factories import PartenaireFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site_partenaire(tmp_path, live_server):
    page = tmp_path / "index.html"
    page.write_text(
        f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Réseau partenaire</title><link rel="icon" href="data:,"></head><body>
<h1>Nos rendez-vous</h1>
<div data-rameau-webinaires data-partenaire="reseau"></div>
<script src="{live_server.url}/embed/widget.js" async></script>
<noscript><a href="{live_server.url}/webinaires/?relais=reseau">Webinaires</a></noscript>
</body></html>""",
        encoding="utf-8",
    )
    gestionnaire = functools.partial(_Silencieux, directory=str(tmp_path))
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), gestionnaire)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{serveur.server_port}"
    serveur.shutdown()
    serveur.server_close()


def test_page_partenaire_integre_le_cycle_et_inscrit_avec_relais(
    page, live_server, site_partenaire, fabrique_webinaire, settings
):
    settings.SITE_URL = live_server.url
    PartenaireFactory(code="reseau", nom="Réseau", origines_integration=site_partenaire)
    for i in range(4):
        fabrique_webinaire(dans=timedelta(days=5 + 30 * i), titre=f"Webinaire partenaire {i}")

    page.goto(f"{site_partenaire}/index.html")
    cadre = page.frame_locator("iframe.rameau-webinaires")
    cadre.get_by_role("heading", name="Webinaire partenaire 0").wait_for()
    assert cadre.get_by_role("heading", name="Webinaire partenaire 3").is_visible()
    # Le cadre a pris la hauteur de son contenu (message d'origine vérifiée).
    page.wait_for_function(
        "() => parseInt(document.querySelector('iframe.rameau-webinaires').height) > 400"
    )
    # « S'inscrire » ouvre l'inscription dans un nouvel onglet, attribuée au partenaire.
    with page.context.expect_page() as nouvel_onglet:
        cadre.get_by_role("link", name="S'inscrire").first.click()
    onglet = nouvel_onglet.value
    onglet.wait_for_load_state()
    assert "relais=reseau" in onglet.url
    onglet.get_by_label("Nom et prénom").fill("Dominique Partenaire")
    onglet.get_by_label("Adresse e-mail").fill("dominique@")
    onglet.get_by_label("J'accepte").check()
    onglet.get_by_role("button", name="Je m'inscris").click()
    onglet.get_by_text("Saisissez une adresse e-mail valide").wait_for()
    assert onglet.get_by_label("Nom et prénom").input_value() == "Dominique Partenaire"
    onglet.get_by_label("Adresse e-mail").fill("dominique@exemple.org")
    onglet.get_by_label("J'accepte").check()
    onglet.get_by_role("button", name="Je m'inscris").click()
    onglet.get_by_text("Votre inscription est confirmée").wait_for()
    assert Inscription.objects.get().relais.code == "reseau"
    page.journal.verifier()


def test_partenaire_non_liste_ne_peut_pas_encadrer(
    page, live_server, site_partenaire, fabrique_webinaire
):
    PartenaireFactory(code="reseau", nom="Réseau", origines_integration="https://ailleurs.example")
    fabrique_webinaire(titre="Invisible ailleurs")
    bloques = []
    page.on("console", lambda m: bloques.append(m.text))
    page.goto(f"{site_partenaire}/index.html")
    page.wait_for_selector("iframe.rameau-webinaires")
    page.wait_for_timeout(1000)
    cadre = page.frames[-1]
    assert "Invisible ailleurs" not in (cadre.content() if cadre != page.main_frame else "")
    assert any("frame-ancestors" in texte for texte in bloques)
