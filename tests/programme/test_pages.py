from datetime import date
from html import unescape

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from programme.models import Format, ModeleSocioEconomique, Partenaire, Pilier
from tests.factories import WebinaireFactory
from webinaires.models import Cycle

pytestmark = pytest.mark.django_db


def _texte(client, url):
    reponse = client.get(url)
    assert reponse.status_code == 200, url
    html = reponse.content.decode()
    assert '<html lang="fr">' in html
    return unescape(html)


def test_accueil_presente_objectifs_piliers_et_autodiagnostic(client):
    html = _texte(client, "/")
    assert "Trois objectifs" in html
    assert "Partager une culture commune de la diversité des modèles socio-économiques" in html
    for pilier in Pilier.objects.all():
        assert pilier.titre in html
    assert "Faire l'autodiagnostic" in html
    assert 'href="#contenu"' in html  # lien d'évitement


@pytest.mark.parametrize(
    ("slug", "attendu"),
    [
        ("cycle-pedagogique", "Témoignage d'un acteur de terrain"),
        ("information-reguliere", "50 000 destinataires"),
        ("formation", "grantmakers"),
        ("accompagnement", "Syntec Conseil"),
        ("travaux-academiques", "FONJEP"),
    ],
)
def test_page_de_chaque_pilier(client, slug, attendu):
    assert attendu in _texte(client, f"/piliers/{slug}/")


def test_page_de_chaque_format(client):
    for format_ in Format.objects.all():
        html = _texte(client, format_.get_absolute_url())
        assert f"<h1>{format_.nom}</h1>" in html
    assert "coursera.org/learn/nouveaux-modeles-economiques-associations" in _texte(
        client, "/formats/mooc/"
    )


@pytest.mark.parametrize("numero", range(1, 8))
def test_page_de_chaque_modele(client, numero):
    modele = ModeleSocioEconomique.objects.get(code=f"M{numero}")
    html = _texte(client, f"/modeles/m{numero}/")
    assert f"M{numero}" in html
    assert modele.nom in html
    assert "Avantages" in html and "Inconvénients" in html
    assert modele.liste_domaines[0] in html


def test_modele_inconnu_renvoie_404_en_francais(client):
    reponse = client.get("/modeles/m8/")
    assert reponse.status_code == 404


def test_page_partenaires_regroupe_par_role(client):
    html = _texte(client, "/partenaires/")
    assert "Relais d'information" in html
    assert "Banque des Territoires" in html
    assert "Syntec Conseil" in html


def _reduire(modele, garder):
    for objet in modele.objects.all()[garder:]:
        try:
            objet.delete()
        except ProtectedError as exc:
            # D'autres applications protègent leurs références (règles de recommandation…).
            for protecteur in exc.protected_objects:
                protecteur.delete()
            objet.delete()


@pytest.mark.parametrize(
    ("url", "modele", "requetes"),
    [
        # + 2 : le cycle en cours qui date le pilier 1 (prochain webinaire, sinon dernier cycle).
        ("programme:piliers", Pilier, 4),
        ("programme:formats", Format, 1),
        ("programme:modeles", ModeleSocioEconomique, 3),
        ("programme:partenaires", Partenaire, 2),
    ],
)
def test_pages_de_liste_a_nombre_de_requetes_constant(
    client, django_assert_num_queries, url, modele, requetes
):
    for nombre in (3, 1):
        _reduire(modele, nombre)
        assert modele.objects.count() == nombre
        with django_assert_num_queries(requetes):
            reponse = client.get(reverse(url))
        assert reponse.status_code == 200


def test_pilier_1_date_du_cycle_en_cours(client):
    """Pendant le cycle 2026-2027, l'accueil ne parle plus d'octobre 2020 à octobre 2021."""
    cycle = Cycle.objects.create(
        titre="Cycle 2026-2027",
        slug="cycle-2026-2027",
        debut=date(2026, 10, 1),
        fin=date(2027, 6, 1),
    )
    WebinaireFactory(cycle=cycle, mois=date(2027, 1, 1), slug="prochain", titre="Prochain")
    for url in ("/", "/piliers/", "/piliers/cycle-pedagogique/"):
        html = unescape(client.get(url).content.decode())
        assert "octobre 2021" not in html
        assert "Cycle 2026-2027 : d'octobre 2026 à juin 2027." in html, url
