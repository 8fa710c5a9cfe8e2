from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from programme.models import Utilisateur
from tests.factories import UtilisateurFactory

pytestmark = pytest.mark.django_db

MOT_DE_PASSE = "un-mot-de-passe-tres-solide"


def _inscrire(client, email, mot_de_passe=MOT_DE_PASSE):
    return client.post(
        "/comptes/signup/",
        {"email": email, "password1": mot_de_passe, "password2": mot_de_passe},
    )


def test_page_de_connexion_en_francais_dans_le_gabarit_du_site(client):
    html = unescape(client.get("/comptes/login/").content.decode())
    assert '<html lang="fr">' in html
    assert "Mot de passe" in html
    assert "Aller au contenu" in html  # gabarit du site, pas celui d'allauth
    assert 'class="bouton"' in html


def test_inscription_exige_la_verification_de_l_adresse(client):
    reponse = _inscrire(client, "nouvelle@exemple.org")
    assert reponse.status_code == 302
    assert reponse["Location"] == "/comptes/confirm-email/"
    assert len(mail.outbox) == 1
    assert "nouvelle@exemple.org" in mail.outbox[0].to
    # Tant que l'adresse n'est pas confirmée, la connexion renvoie vers la vérification.
    client.logout()
    reponse = client.post(
        "/comptes/login/", {"login": "nouvelle@exemple.org", "password": MOT_DE_PASSE}
    )
    assert reponse["Location"] == "/comptes/confirm-email/"
    assert client.get("/espace/").status_code == 302
    assert not EmailAddress.objects.get(email="nouvelle@exemple.org").verified


def test_mot_de_passe_de_moins_de_12_caracteres_refuse(client):
    reponse = _inscrire(client, "court@exemple.org", "Court-9x!a")
    html = unescape(reponse.content.decode())
    assert reponse.status_code == 200
    assert "Il doit contenir au minimum 12 caractères" in html
    assert not Utilisateur.objects.filter(email="court@exemple.org").exists()
    assert 'value="court@exemple.org"' in html  # la saisie valide est conservée


def test_connexion_echouee_repetee_est_limitee(client):
    UtilisateurFactory(email="cible@exemple.org")
    for _ in range(5):
        client.post("/comptes/login/", {"login": "cible@exemple.org", "password": "faux-mdp"})
    reponse = client.post("/comptes/login/", {"login": "cible@exemple.org", "password": "faux-mdp"})
    assert "Trop de tentatives" in unescape(reponse.content.decode())


def test_administration_passe_par_la_connexion_limitee(client):
    reponse = client.get("/admin/login/?next=/admin/")
    assert reponse.status_code == 302
    assert reponse["Location"].startswith("/comptes/login/")


def test_administration_refusee_aux_non_membres_de_l_equipe(client):
    utilisateur = UtilisateurFactory()
    client.force_login(utilisateur)
    assert client.get("/admin/").status_code == 302
    utilisateur.is_staff = True
    utilisateur.save()
    # Devenue membre de l'équipe : d'abord la double authentification, puis l'administration.
    assert client.get("/admin/")["Location"].startswith("/comptes/2fa/totp/activate/")
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(utilisateur, "JBSWY3DPEHPK3PXPTESTSTESTSTESTAB")
    assert client.get("/admin/").status_code == 200
