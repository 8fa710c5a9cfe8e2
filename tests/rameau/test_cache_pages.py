"""Pages publiques servies depuis le cache aux visiteurs anonymes (``rameau.cache``).

Une page en cache ne coûte aucune requête SQL ; chaque visiteur y reçoit son propre jeton
CSRF, valide pour ses formulaires ; une personne connectée, un message en attente, une
requête htmx ou des paramètres donnent toujours un rendu neuf ; une modification de
l'équipe est visible aussitôt.
"""

import re
from html import unescape

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, RequestFactory

from agenda.models import Inscription
from autodiagnostic.models import Diagnostic
from programme.models import ModeleSocioEconomique
from ressources.models import Ressource
from tests.factories import PartenaireFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/modeles/",
    "/modeles/M1/",
    "/formats/",
    "/formats/ateliers/",
    "/piliers/",
    "/piliers/cycle-pedagogique/",
    "/partenaires/",
    "/autodiagnostic/",
    "/webinaires/",
    "/webinaires/prochain/",
    "/ressources/",
]


@pytest.fixture(autouse=True)
def _avec_un_webinaire(webinaire):
    """Le prochain webinaire (``/webinaires/prochain/``), sur l'accueil et les listes."""


def _jetons(html: str) -> set[str]:
    return set(
        re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        + re.findall(r'"X-CSRFToken": "([^"]+)"', html)
    )


@pytest.mark.parametrize("url", PAGES)
def test_page_servie_du_cache_sans_requete_avec_le_jeton_csrf_de_chaque_visiteur(
    url, django_assert_num_queries
):
    premier = Client(enforce_csrf_checks=True)
    rendu = premier.get(url)
    assert rendu.status_code == 200
    for visiteur in (premier, Client(enforce_csrf_checks=True)):
        with django_assert_num_queries(0):
            reponse = visiteur.get(url)
        assert reponse.status_code == 200
        html = reponse.content.decode()
        assert "@@jeton" not in html
        # Le même contenu que le rendu, au jeton près.
        assert re.sub(r"[A-Za-z0-9]{64}", "", html) == re.sub(
            r"[A-Za-z0-9]{64}", "", rendu.content.decode()
        )
        # Un jeton masqué neuf par réponse, tiré du secret du cookie de CE visiteur.
        jetons = _jetons(html)
        assert jetons and not jetons & _jetons(rendu.content.decode()) - {""}
        secret = visiteur.cookies["csrftoken"].value
        assert all(_unmask_cipher_token(j) == secret for j in jetons)
        # En-têtes de la chaîne complète : CSP, encadrement interdit, cache privé.
        assert reponse["Content-Security-Policy"] == rendu["Content-Security-Policy"]
        assert reponse["X-Frame-Options"] == "DENY"
        assert reponse["Content-Language"] == "fr"
        assert "Cookie" in reponse["Vary"]
        assert reponse["Cache-Control"] == "private, no-cache"
        assert reponse["X-Content-Type-Options"] == "nosniff"
        assert int(reponse["Content-Length"]) == len(reponse.content)


def test_formulaire_d_une_page_en_cache_accepte_par_la_protection_csrf(django_assert_num_queries):
    Client().get("/autodiagnostic/")  # met la page en cache
    visiteur = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        html = visiteur.get("/autodiagnostic/").content.decode()
    jeton = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    reponse = visiteur.post(
        "/autodiagnostic/",
        {"profil": "association", "organisation_nom": "Les Amis", "csrfmiddlewaretoken": jeton},
    )
    assert reponse.status_code == 302
    assert Diagnostic.objects.filter(organisation_nom="Les Amis").exists()
    # Sans jeton, le même envoi est refusé.
    assert Client(enforce_csrf_checks=True).post("/autodiagnostic/", {}).status_code == 403


def test_personne_connectee_jamais_servie_depuis_le_cache(django_assert_num_queries):
    Client().get("/modeles/")
    with django_assert_num_queries(0):
        Client().get("/modeles/")
    membre = Client()
    membre.force_login(UtilisateurFactory())
    html = membre.get("/modeles/").content.decode()
    assert "Se déconnecter" in html and "Se connecter<" not in html
    # Et la page des anonymes n'a rien gardé de la personne connectée.
    assert "Se déconnecter" not in Client().get("/modeles/").content.decode()


def test_message_en_attente_affiche_et_jamais_servi_aux_autres(django_assert_num_queries):
    Client().get("/formats/")
    avec_message = Client()
    avec_message.cookies[CookieStorage.cookie_name] = CookieStorage(
        RequestFactory().get("/")
    )._encode([Message(constants.SUCCESS, "Votre abonnement est enregistré")])
    assert "Votre abonnement est enregistré" in avec_message.get("/formats/").content.decode()
    with django_assert_num_queries(0):
        autre = Client().get("/formats/").content.decode()
    assert "Votre abonnement est enregistré" not in autre


@pytest.mark.parametrize("entetes", [{"HTTP_HX_REQUEST": "true"}, {}])
def test_htmx_et_parametres_toujours_rendus(entetes, django_assert_num_queries):
    visiteur = Client()
    visiteur.get("/formats/")
    with django_assert_num_queries(0):
        visiteur.get("/formats/")
    url = "/formats/" if entetes else "/formats/?tri=nom"
    with django_assert_num_queries(1):
        assert visiteur.get(url, **entetes).status_code == 200


def test_modification_de_l_equipe_visible_aussitot(webinaire, django_assert_num_queries):
    modele = ModeleSocioEconomique.objects.get(code="M1")
    visiteur = Client()
    pages = ("/", "/modeles/", "/modeles/M1/", "/webinaires/", "/ressources/")
    for url in (*pages, webinaire.get_absolute_url()):
        visiteur.get(url)
        with django_assert_num_queries(0):
            visiteur.get(url)
    modele.nom = "Un nom tout neuf"
    modele.save()
    assert "Un nom tout neuf" in unescape(visiteur.get("/modeles/M1/").content.decode())
    assert "Un nom tout neuf" in unescape(visiteur.get("/modeles/").content.decode())
    # Le titre d'un webinaire est celui de sa session d'agenda.
    webinaire.session.titre = "Un titre tout neuf"
    webinaire.session.save()
    assert "Un titre tout neuf" in visiteur.get("/").content.decode()
    assert "Un titre tout neuf" in visiteur.get("/webinaires/").content.decode()
    Ressource.objects.create(
        titre="Une ressource toute neuve", categorie="s_informer", url="https://exemple.org/r"
    )
    assert "Une ressource toute neuve" in visiteur.get("/ressources/").content.decode()


def test_webinaire_complet_des_la_derniere_place_prise(webinaire, django_assert_num_queries):
    visiteur = Client()
    assert "est complet" not in visiteur.get(webinaire.get_absolute_url()).content.decode()
    with django_assert_num_queries(0):
        visiteur.get(webinaire.get_absolute_url())
    Inscription.objects.create(
        session=webinaire.session, nom="A", email="a@exemple.org", statut="confirmee"
    )
    assert "est complet" in visiteur.get(webinaire.get_absolute_url()).content.decode()


def test_page_integrable_en_cache_garde_les_origines_du_partenaire(django_assert_num_queries):
    PartenaireFactory(code="reseau", nom="Réseau", origines_integration="https://reseau.example")
    url = "/embed/webinaires/?partenaire=reseau"
    premier = Client().get(url)
    with django_assert_num_queries(0):
        reponse = Client().get(url)
    assert reponse.content == premier.content
    assert "frame-ancestors https://reseau.example" in reponse["Content-Security-Policy"]
    assert "X-Frame-Options" not in reponse
    assert reponse["Cache-Control"] == "public, max-age=300"
    assert "Set-Cookie" not in str(reponse.cookies) and not reponse.cookies
    # Un code inventé ne crée pas de page en cache : la page sans partenaire, non encadrable.
    inconnu = Client().get("/embed/webinaires/?partenaire=invente")
    assert "frame-ancestors 'none'" in inconnu["Content-Security-Policy"]


def test_chemin_demesure_sans_cle_de_cache_trop_longue(client):
    """Un chemin de plusieurs centaines de caractères (saisi par un visiteur) ne donne ni
    erreur ni clé de cache refusée (``CacheKeyWarning`` : au-delà de 250 caractères)."""
    from rameau import cache

    chemin = "/modeles/" + "m" * 400 + "/"
    for _fois in range(2):
        assert client.get(chemin).status_code == 404
        assert client.get('/modeles/"><img src=x onerror=alert(1)>/').status_code == 404
    cle = cache.cle(["programme"], chemin)
    assert cle is not None and len(cle) < 250
    assert cle != cache.cle(["programme"], chemin[:-2] + "n/")
    assert " " not in cache.cle(["programme"], "/modeles/a b/")
