"""Attribution au premier contact : ?relais=, utm_source, site d'origine ; gardée dans la
session seulement, reprise par les inscriptions, diagnostics, abonnements et comptes."""

import pytest
from django.conf import settings

from agenda.models import Inscription
from autodiagnostic.models import Diagnostic
from envois.models import Abonnement
from programme import attribution
from programme.models import Utilisateur, Visite

pytestmark = pytest.mark.django_db

FORMULAIRE = {"nom": "Camille Martin", "profil": "association", "consentement": "on"}


def test_premier_relais_garde_dans_la_session_et_compte_une_visite(client, contenu_programme):
    reponse = client.get("/?relais=isbl")
    assert reponse.status_code == 200
    assert settings.SESSION_COOKIE_NAME in reponse.cookies
    assert client.session[attribution.CLE_SESSION] == "isbl"
    # Un deuxième relais dans la même visite ne remplace pas le premier.
    client.get("/modeles/?relais=ideas")
    client.get("/partenaires/?utm_source=autre")
    assert client.session[attribution.CLE_SESSION] == "isbl"
    assert list(Visite.objects.values_list("origine", flat=True)) == ["isbl"]


def test_utm_source_puis_site_d_origine_exterieur(client, contenu_programme):
    client.get("/?utm_source=Lettre_IDEAS&utm_medium=newsletter")
    assert client.session[attribution.CLE_SESSION] == "lettre_ideas"
    autre = type(client)()
    autre.get("/modeles/", HTTP_REFERER="https://www.isbl-consultants.fr/actualites/article")
    assert autre.session[attribution.CLE_SESSION] == "www.isbl-consultants.fr"


def test_site_d_origine_interne_ou_sans_signal_n_ecrit_pas_la_session(client, contenu_programme):
    reponse = client.get("/modeles/", HTTP_REFERER="http://testserver/partenaires/")
    assert settings.SESSION_COOKIE_NAME not in reponse.cookies
    assert client.get("/").cookies.get(settings.SESSION_COOKIE_NAME) is None
    assert Visite.objects.count() == 0


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("ISBL", "isbl"),
        ("x" * 500, "x" * 100),
        ("../../etc", "etc"),
    ],
)
def test_code_hostile_nettoye(client, contenu_programme, valeur, attendu):
    assert client.get("/", {"relais": valeur}).status_code == 200
    assert client.session[attribution.CLE_SESSION] == attendu


def test_octet_nul_refuse_sans_ecrire(client, contenu_programme):
    assert client.get("/?relais=isbl%00").status_code == 400
    assert Visite.objects.count() == 0


def test_page_en_cache_toujours_attribuee_et_encore_en_cache_pour_les_autres(
    client, contenu_programme, django_assert_num_queries
):
    """La page d'accueil est servie depuis le cache aux visiteurs sans état : une arrivée
    depuis un site extérieur est attribuée quand même, et les autres visiteurs continuent
    d'être servis depuis le cache."""
    anonyme = type(client)()
    anonyme.get("/")  # rendue et mise en cache
    anonyme.get("/")  # désormais servie depuis le cache, sans requête
    with django_assert_num_queries(0):
        assert type(client)().get("/").status_code == 200
    venu = type(client)()
    reponse = venu.get("/", HTTP_REFERER="https://ideas.asso.fr/lettre")
    assert reponse.status_code == 200
    assert settings.SESSION_COOKIE_NAME in reponse.cookies
    assert venu.session[attribution.CLE_SESSION] == "ideas.asso.fr"
    with django_assert_num_queries(0):
        assert type(client)().get("/").status_code == 200


def test_inscription_diagnostic_abonnement_et_compte_attribues(
    client, contenu_programme, webinaire
):
    client.get("/?relais=isbl")
    reponse = client.post(
        f"/webinaires/{webinaire.slug}/inscrire/",
        {**FORMULAIRE, "email": "camille@exemple.org"},
    )
    assert reponse.status_code in (200, 302)
    assert Inscription.objects.get(email="camille@exemple.org").origine == "isbl"

    client.post("/autodiagnostic/", {"profil": "association", "organisation_nom": "Asso"})
    assert Diagnostic.objects.get().origine == "isbl"

    client.post("/lettre/abonnement/", {"email": "lettre@exemple.org"})
    assert Abonnement.objects.get(email="lettre@exemple.org").origine == "isbl"

    client.post(
        "/comptes/signup/",
        {
            "email": "nouveau@exemple.org",
            "password1": "Un-mot-de-passe-42!",
            "password2": "Un-mot-de-passe-42!",
        },
    )
    assert Utilisateur.objects.get(email="nouveau@exemple.org").origine == "isbl"


def test_inscription_par_la_page_integree_garde_le_partenaire(client, contenu_programme, webinaire):
    """Sans relais dans la session, le partenaire de la page intégrée fait foi."""
    client.post(
        f"/webinaires/{webinaire.slug}/inscrire/",
        {**FORMULAIRE, "email": "lou@exemple.org", "relais": "ideas"},
    )
    inscription = Inscription.objects.get(email="lou@exemple.org")
    assert inscription.relais.code == "ideas"
    assert inscription.origine == "ideas"
