"""Depuis la page de résultat : s'inscrire en une étape à la prochaine session du format
recommandé ; un diagnostic fait sans compte suit le compte créé ou connecté ensuite."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from agenda.models import Inscription
from autodiagnostic.models import Diagnostic
from envois import services as envois
from tests.factories import SessionFactory, UtilisateurFactory

from .conftest import diagnostic_termine

pytestmark = pytest.mark.django_db


def test_resultat_propose_l_inscription_en_une_etape_au_prochain_atelier(
    client, django_capture_on_commit_callbacks
):
    SessionFactory(titre="Atelier réservé aux territoires", publics=["territoire"])
    atelier = SessionFactory(titre="Atelier des associations", dans=timedelta(days=12))
    diagnostic = diagnostic_termine(
        echelle=3, besoin="experimenter", email="asso@exemple.org", organisation_nom="Asso"
    )
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    assert "S'inscrire à « Atelier des associations »" in page
    formulaire = page.split('action="/accompagnement/ateliers/')[1].split("</form>")[0]
    assert formulaire.startswith(f'{atelier.pk}/"')
    assert 'value="asso@exemple.org"' in formulaire and 'value="Asso"' in formulaire
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            f"/accompagnement/ateliers/{atelier.pk}/",
            {
                "nom": "Camille",
                "email": "asso@exemple.org",
                "organisation": "Asso",
                "profil": "association",
                "consentement": "on",
            },
        )
    assert reponse.status_code == 302
    assert Inscription.objects.get().session == atelier
    envois.traiter()
    (message,) = mail.outbox
    assert message.attachments[0][0] == "atelier.ics"


def test_formulaire_du_resultat_prerempli_pour_une_personne_connectee(client):
    SessionFactory(slug_format="parcours", titre="Parcours du printemps")
    personne = UtilisateurFactory(email="moi@exemple.org", nom="Alex Moi")
    diagnostic = diagnostic_termine(echelle=2, besoin="transformer")
    client.force_login(personne)
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    formulaire = page.split('action="/accompagnement/parcours/')[1].split("</form>")[0]
    assert 'value="moi@exemple.org"' in formulaire and 'value="Alex Moi"' in formulaire


def test_sans_session_de_ce_format_pas_de_formulaire_et_page_partagee(
    client, django_assert_num_queries
):
    diagnostic = diagnostic_termine(echelle=2, besoin="se_former")  # MOOC : un lien
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    assert "Je m'inscris" not in page
    with django_assert_num_queries(0):
        client.get(diagnostic.get_resultat_url())


def test_diagnostic_anonyme_rattache_au_compte_cree_depuis_le_resultat(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.post("/autodiagnostic/", {"profil": "association", "organisation_nom": "Asso"})
    diagnostic = Diagnostic.objects.get()
    assert diagnostic.utilisateur is None
    reponse = client.get(f"/autodiagnostic/{diagnostic.jeton}/retrouver/?compte=nouveau")
    assert reponse.url.startswith("/comptes/signup/?next=")
    client.post(
        "/comptes/signup/",
        {
            "email": "nouvelle@exemple.org",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
        },
    )
    diagnostic.refresh_from_db()
    assert diagnostic.utilisateur.email == "nouvelle@exemple.org"


def test_diagnostic_anonyme_rattache_a_la_connexion(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    personne = UtilisateurFactory(email="connue@exemple.org", password="mot-de-passe-solide-42")
    EmailAddress.objects.create(user=personne, email=personne.email, verified=True, primary=True)
    diagnostic = diagnostic_termine()
    client.get(f"/autodiagnostic/{diagnostic.jeton}/retrouver/")
    client.post(
        "/comptes/login/", {"login": "connue@exemple.org", "password": "mot-de-passe-solide-42"}
    )
    diagnostic.refresh_from_db()
    assert diagnostic.utilisateur == personne
    # Il est désormais dans Mon espace.
    assert diagnostic.get_resultat_url() in client.get("/espace/").content.decode()


def test_diagnostic_d_une_organisation_ou_d_un_autre_ne_change_pas_de_main(client):
    from autodiagnostic import services

    autre = UtilisateurFactory(email="autre@exemple.org")
    diagnostic = diagnostic_termine(utilisateur=autre)
    moi = UtilisateurFactory(email="moi@exemple.org")
    assert services.diagnostics_rattacher(utilisateur=moi, jetons=[diagnostic.jeton]) == 0


def test_mon_espace_propose_les_diagnostics_faits_avec_une_adresse_confirmee(client):
    personne = UtilisateurFactory(email="moi@exemple.org")
    EmailAddress.objects.create(user=personne, email="moi@exemple.org", verified=True)
    EmailAddress.objects.create(user=personne, email="non-confirmee@exemple.org", verified=False)
    a_moi = diagnostic_termine(email="Moi@Exemple.org", organisation_nom="Mon asso")
    non_confirmee = diagnostic_termine(email="non-confirmee@exemple.org", organisation_nom="X")
    client.force_login(personne)
    page = client.get("/espace/").content.decode()
    assert "Diagnostics faits avec votre adresse, sans compte" in page
    assert f"/autodiagnostic/{a_moi.jeton}/rattacher/" in page
    assert f"/autodiagnostic/{non_confirmee.jeton}/rattacher/" not in page
    client.post(f"/autodiagnostic/{non_confirmee.jeton}/rattacher/")
    client.post(f"/autodiagnostic/{a_moi.jeton}/rattacher/")
    a_moi.refresh_from_db()
    non_confirmee.refresh_from_db()
    assert a_moi.utilisateur == personne and non_confirmee.utilisateur is None
