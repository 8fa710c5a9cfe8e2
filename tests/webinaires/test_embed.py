from datetime import timedelta
from html.parser import HTMLParser

import pytest

from tests.factories import PartenaireFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partenaire(db):
    return PartenaireFactory(
        code="reseau",
        nom="Réseau partenaire",
        origines_integration="https://www.reseau.example\nhttp://127.0.0.1:8123\npas une origine",
    )


def _csp(reponse) -> dict[str, str]:
    directives = {}
    for morceau in reponse["Content-Security-Policy"].split(";"):
        nom, _sep, valeur = morceau.strip().partition(" ")
        directives[nom] = valeur
    return directives


def test_embed_encadrable_par_les_origines_listees(client, partenaire, webinaire):
    reponse = client.get("/embed/webinaires/?partenaire=reseau")
    assert reponse.status_code == 200
    assert "X-Frame-Options" not in reponse
    assert _csp(reponse)["frame-ancestors"] == "https://www.reseau.example http://127.0.0.1:8123"
    assert _csp(reponse)["script-src"] == "'self'"
    html = reponse.content.decode()
    assert webinaire.titre in html
    assert f"/webinaires/{webinaire.slug}/?relais=reseau" in html
    assert 'target="_blank"' in html


def test_embed_partenaire_inconnu_interdit_tout_encadrement(client, webinaire):
    reponse = client.get("/embed/webinaires/?partenaire=inconnu")
    assert "X-Frame-Options" not in reponse
    assert _csp(reponse)["frame-ancestors"] == "'none'"


def test_pages_normales_gardent_deny(client, webinaire, partenaire):
    for url in ("/webinaires/", webinaire.get_absolute_url(), "/"):
        reponse = client.get(url)
        assert reponse["X-Frame-Options"] == "DENY"
        assert _csp(reponse)["frame-ancestors"] == "'none'"


def test_embed_d_un_webinaire_et_cache_invalide_a_la_modification(
    client, partenaire, webinaire, django_assert_num_queries
):
    url = f"/embed/webinaires/{webinaire.slug}/?partenaire=reseau"
    premier = client.get(url)
    assert webinaire.titre in premier.content.decode()
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == premier.content
    webinaire.session.titre = "Titre modifié"
    webinaire.session.save()
    assert "Titre modifié" in client.get(url).content.decode()
    assert client.get("/embed/webinaires/inconnu/?partenaire=reseau").status_code == 404


def test_embed_cache_par_partenaire(client, partenaire, webinaire):
    client.get("/embed/webinaires/?partenaire=reseau")
    autre = client.get("/embed/webinaires/?partenaire=inconnu")
    assert "relais=reseau" not in autre.content.decode()
    assert _csp(autre)["frame-ancestors"] == "'none'"


def test_widget_js_et_page_d_aide(client, partenaire):
    reponse = client.get("/embed/widget.js")
    assert reponse["Content-Type"].startswith("text/javascript")
    assert "evenement.origin !== origine" in reponse.content.decode()
    aide = client.get("/webinaires/integrer/?partenaire=reseau").content.decode()
    assert "data-rameau-webinaires" in aide and 'data-partenaire="reseau"' in aide
    assert "&lt;noscript&gt;" in aide


class _TexteVisible(HTMLParser):
    """Le texte qu'un navigateur affiche, hors des éléments qu'il n'affiche pas."""

    CACHES = {"noscript", "script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.profondeur_cachee = 0
        self.textes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.CACHES:
            self.profondeur_cachee += 1

    def handle_endtag(self, tag):
        if tag in self.CACHES and self.profondeur_cachee:
            self.profondeur_cachee -= 1

    def handle_data(self, data):
        if not self.profondeur_cachee:
            self.textes.append(data)


def test_page_d_aide_affichee_en_entier(client, partenaire):
    """Une balise brute dans une phrase traduite avalait la fin de la page."""
    lecteur = _TexteVisible()
    lecteur.feed(client.get("/webinaires/integrer/?partenaire=reseau").content.decode())
    texte = " ".join(" ".join(lecteur.textes).split())
    assert "Le bloc <noscript> affiche un simple lien vers le cycle" in texte
    assert "/embed/webinaires/?partenaire=reseau" in texte
    assert lecteur.profondeur_cachee == 0


def test_embed_passe_montre_replay(client, partenaire, fabrique_webinaire):
    fabrique_webinaire(dans=timedelta(days=-5), lien_replay="https://replay.exemple.org/1")
    html = client.get("/embed/webinaires/?partenaire=reseau").content.decode()
    assert "https://replay.exemple.org/1" in html
