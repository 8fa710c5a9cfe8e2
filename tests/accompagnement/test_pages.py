"""/accompagnement/ : liste par public (sans JavaScript), page d'un atelier et d'un parcours,
inscription (préremplie pour une personne connectée), pages des formats, Mon espace."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda import services as agenda
from agenda.models import Inscription
from envois import services as envois
from tests.factories import SessionFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db


def _url(session):
    return f"/accompagnement/{session.format.slug}/{session.pk}/"


def _formulaire(**valeurs):
    return {
        "nom": "Camille Martin",
        "email": "camille@exemple.org",
        "organisation": "Asso",
        "profil": "territoire",
        "consentement": "on",
        **valeurs,
    }


def test_liste_filtre_par_public_sans_javascript(client, contenu_programme):
    SessionFactory(titre="Atelier Territoires", publics=["territoire"])
    SessionFactory(titre="Atelier Têtes de réseau", publics=["tete_de_reseau"])
    SessionFactory(titre="Atelier pour tous")
    SessionFactory(titre="Co-développement", slug_format="co-developpement")
    SessionFactory(titre="Webinaire ailleurs", slug_format="webinaires")
    page = client.get("/accompagnement/").content.decode()
    for titre in ("Atelier Territoires", "Atelier Têtes de réseau", "Atelier pour tous"):
        assert titre in page
    assert "Co-développement" in page and "Webinaire ailleurs" not in page
    assert "Syntec Conseil" in page and "ADASI" in page and "RNMA" in page
    filtree = client.get("/accompagnement/?public=territoire").content.decode()
    assert "Atelier Territoires" in filtree and "Atelier pour tous" in filtree
    assert "Atelier Têtes de réseau" not in filtree
    # Un filtre inconnu n'est pas une erreur : tout est listé.
    assert client.get("/accompagnement/?public=%3Cscript%3E").status_code == 200


@pytest.mark.parametrize("nombre", [1, 3])
def test_liste_nombre_de_requetes_constant(
    client, contenu_programme, parcours, django_assert_num_queries, nombre
):
    for i in range(nombre):
        SessionFactory(titre=f"Atelier {i}")
        SessionFactory(titre=f"Co-dév {i}", slug_format="co-developpement")
    with django_assert_num_queries(2):  # sessions, étapes des parcours
        page = client.get("/accompagnement/").content.decode()
    assert page.count('href="/accompagnement/') >= 2 * nombre + 1


@pytest.mark.parametrize("nombre", [1, 3])
def test_mes_parcours_nombre_de_requetes_constant(
    client, contenu_programme, django_assert_num_queries, nombre
):
    personne = UtilisateurFactory(email="moi@exemple.org")
    for i in range(nombre):
        parent = SessionFactory(slug_format="parcours", titre=f"Parcours {i}")
        for ordre in (1, 2, 3):
            SessionFactory(
                slug_format="parcours", parent=parent, ordre=ordre, titre=f"Étape {ordre}"
            )
        agenda.inscription_creer(
            session=parent, nom="Moi", email=personne.email, utilisateur=personne
        )
    client.force_login(personne)
    # Mon espace (9 requêtes, dont « Mes parcours » et « Mes attestations ») + les présences
    # aux étapes.
    with django_assert_num_queries(10):
        page = client.get("/espace/").content.decode()
    assert "Mes parcours" in page
    assert page.count("0 étape(s) suivie(s) sur 3") == nombre
    # « Mes inscriptions » : une ligne par parcours, pas une par étape.
    assert page.count("/agenda/inscription/") == 2 * nombre


def test_page_d_un_parcours_et_inscription_a_toutes_ses_etapes(
    client, parcours, django_capture_on_commit_callbacks
):
    page = client.get(_url(parcours)).content.decode()
    assert "Les étapes du parcours" in page
    for etape in ("Cadrage", "Méthode et application", "Bilan et appropriation"):
        assert etape in page
    assert "Il reste 20 places" in page
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(_url(parcours), _formulaire())
    inscription = Inscription.objects.get(session=parcours)
    assert reponse.status_code == 302 and reponse.url == inscription.get_absolute_url()
    assert Inscription.objects.filter(session__parent=parcours, statut="confirmee").count() == 3
    envois.traiter()
    (message,) = mail.outbox
    assert message.attachments[0][0] == "parcours.ics"
    suivi = client.get(reponse.url).content.decode()
    assert "Ma progression dans le parcours" in suivi and "Votre inscription est confirmée" in suivi


def test_une_etape_n_a_pas_de_page_propre(client, parcours):
    etape = parcours.etapes.first()
    assert client.get(_url(etape)).status_code == 404
    assert client.get(f"/accompagnement/ateliers/{parcours.pk}/").status_code == 404
    assert client.get("/accompagnement/ateliers/99999999999999999999999/").status_code == 404


def test_formulaire_prerempli_pour_une_personne_connectee(client, contenu_programme):
    atelier = SessionFactory(titre="Atelier")
    client.force_login(UtilisateurFactory(email="connue@exemple.org", nom="Dominique Connue"))
    page = client.get(_url(atelier)).content.decode()
    assert 'value="connue@exemple.org"' in page and 'value="Dominique Connue"' in page


def test_atelier_complet_liste_d_attente_annoncee(client, contenu_programme):
    atelier = SessionFactory(titre="Atelier", capacite=1)
    client.post(_url(atelier), _formulaire(email="a@exemple.org"))
    page = client.get(_url(atelier)).content.decode()
    assert "C'est complet" in page
    client.post(_url(atelier), _formulaire(email="b@exemple.org"))
    assert Inscription.objects.get(email="b@exemple.org").statut == "attente"


def test_erreurs_en_francais_sur_le_champ(client, contenu_programme):
    atelier = SessionFactory(titre="Atelier")
    reponse = client.post(_url(atelier), _formulaire(email="pas-une-adresse", consentement=""))
    assert reponse.status_code == 400
    page = reponse.content.decode()
    assert "Saisissez une adresse e-mail valide" in page
    assert "Votre accord est nécessaire" in page
    assert not Inscription.objects.exists()


def test_pages_des_formats_menent_aux_sessions_reservables(client, parcours):
    atelier = SessionFactory(titre="Atelier du mois")
    codev = SessionFactory(titre="Co-dév du mois", slug_format="co-developpement")
    for slug, session in (
        ("ateliers", atelier),
        ("co-developpement", codev),
        ("parcours", parcours),
    ):
        page = client.get(f"/formats/{slug}/").content.decode()
        assert f'href="{_url(session)}"' in page, slug
        assert 'href="/accompagnement/?public=territoire"' in page


HOSTILES = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["\x00", "<script>alert(1)</script>", "a\r\nBcc: x@y.z", "é" * 400, ""]),
)


@pytest.mark.django_db(transaction=True)
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(donnees=st.fixed_dictionaries(dict.fromkeys(_formulaire(), HOSTILES)))
def test_formulaire_d_inscription_entrees_hostiles_sans_erreur_serveur(contenu_programme, donnees):
    atelier = SessionFactory(titre="Atelier", dans=timedelta(days=9))
    client = Client(raise_request_exception=False)
    reponse = client.post(_url(atelier), donnees)
    assert reponse.status_code in (302, 400, 429), reponse.status_code
    if reponse.status_code == 400:
        assert 'lang="fr"' in reponse.content.decode()


def test_pilier_4_date_de_sa_prochaine_session(client, contenu_programme):
    from django.utils import formats, timezone

    SessionFactory(titre="Atelier de plus tard", dans=timedelta(days=30))
    prochaine = SessionFactory(titre="Atelier de bientôt", dans=timedelta(days=3))
    jour = formats.date_format(timezone.localtime(prochaine.debut), "j F Y")
    page = client.get("/piliers/").content.decode()
    assert f"Prochaine session : Atelier de bientôt, le {jour}." in page


def test_liste_et_page_d_un_atelier_servies_du_cache_puis_a_jour(
    client, contenu_programme, django_assert_num_queries
):
    """Les pages publiques de l'accompagnement viennent du cache partagé pour un visiteur
    anonyme ; une inscription (places restantes) les recalcule."""
    atelier = SessionFactory(slug_format="ateliers", titre="Atelier cache", capacite=5)
    page = f"/accompagnement/ateliers/{atelier.pk}/"
    for chemin in ("/accompagnement/", page):
        assert client.get(chemin).status_code == 200
        with django_assert_num_queries(0):
            assert "Atelier cache" in client.get(chemin).content.decode()
    agenda.inscription_creer(session=atelier, nom="Lou", email="lou@exemple.org")
    assert "Il reste 4 places." in client.get(page).content.decode()
