"""Personne ne peut faire écrire la plateforme à une adresse en rafale (par IP, par adresse)."""

from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.test import Client

from programme.enums import RoleMembre
from tests.factories import MembreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def webinaire():
    from tests.factories import WebinaireFactory

    return WebinaireFactory(dans=timedelta(days=3))


MESSAGE = "Trop de demandes pour cette adresse ou depuis votre connexion"


def _client(ip):
    return Client(REMOTE_ADDR=ip)


def test_vingt_cinq_inscriptions_d_une_ip_pas_vingt_cinq_e_mails(
    webinaire, django_capture_on_commit_callbacks
):
    client = _client("203.0.113.7")
    statuts = []
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(25):
            reponse = client.post(
                f"/webinaires/{webinaire.slug}/inscrire/",
                {
                    "nom": "X",
                    "email": f"victime{i}@exemple.org",
                    "profil": "association",
                    "consentement": "on",
                },
            )
            statuts.append(reponse.status_code)
    assert statuts.count(302) == 10 and statuts.count(429) == 15
    assert len(mail.outbox) == 10
    assert MESSAGE in unescape(reponse.content.decode())


def test_une_adresse_visee_depuis_plusieurs_ip(webinaire, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(10):
            _client(f"198.51.100.{i}").post(
                "/webinaires/abonnement/", {"email": "victime@exemple.org"}
            )
    # Trois demandes comptées par heure pour cette adresse ; l'e-mail de confirmation, lui,
    # ne part qu'une fois par minute (boîte d'envoi).
    assert len(mail.outbox) == 1
    reponse = _client("198.51.100.99").post(
        "/webinaires/abonnement/", {"email": "victime@exemple.org"}
    )
    assert reponse.status_code == 429
    assert MESSAGE in unescape(reponse.content.decode())


def test_dix_diagnostics_plus_tard_vers_une_adresse(client, contenu_programme):
    from autodiagnostic import services
    from envois.models import Envoi

    statuts = []
    for _fois in range(10):
        diagnostic = services.diagnostic_creer(profil="association", email="victime@exemple.org")
        reponse = client.post(
            f"/autodiagnostic/{diagnostic.jeton}/section/1/", {"action": "plus_tard"}
        )
        statuts.append(reponse.status_code)
    assert statuts.count(302) == 3 and statuts.count(429) == 7
    assert Envoi.objects.filter(genre="autodiagnostic.lien_reprise").count() == 3
    assert MESSAGE in unescape(reponse.content.decode())


def test_invitations_en_rafale_vers_une_adresse(client):
    admin = MembreFactory(role=RoleMembre.ADMINISTRATEUR)
    client.force_login(admin.utilisateur)
    url = admin.organisation.get_absolute_url()
    statuts = [
        client.post(url, {"email": f"p{i}@exemple.org", "role": "membre"}).status_code
        for i in range(25)
    ]
    assert statuts.count(302) == 20 and statuts.count(429) == 5


def test_echecs_de_connexion_comptes_par_compte_pas_par_ip(client):
    """Un attaquant qui échoue sur un compte ne bloque pas les autres membres du bureau."""
    from tests.factories import UtilisateurFactory

    membre = UtilisateurFactory(email="membre@exemple.org")
    membre.set_password("un mot de passe solide 42")
    membre.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=membre, email=membre.email, verified=True, primary=True)
    bureau = _client("192.0.2.10")
    for _fois in range(12):
        bureau.post("/comptes/login/", {"login": "cible@exemple.org", "password": "faux"})
    reponse = bureau.post(
        "/comptes/login/", {"login": "membre@exemple.org", "password": "un mot de passe solide 42"}
    )
    assert reponse.status_code == 302
