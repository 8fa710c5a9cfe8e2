"""L'administration n'est jamais accessible à l'équipe avec un mot de passe seul."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as compteurs
from django.contrib import admin
from django.urls import reverse

from tests.factories import UtilisateurFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sans_double_authentification]

SECRET = "JBSWY3DPEHPK3PXPRAMEAUDEMOZZQQAB"


def _code(secret=SECRET) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(compteurs()))))


MOT_DE_PASSE = "un mot de passe de l'équipe 42"


def _connecter(client, **role):
    """Connexion par le vrai formulaire (allauth note l'heure d'authentification)."""
    from allauth.account.models import EmailAddress

    personne = UtilisateurFactory(**role)
    personne.set_password(MOT_DE_PASSE)
    personne.save()
    EmailAddress.objects.create(user=personne, email=personne.email, verified=True, primary=True)
    reponse = client.post("/comptes/login/", {"login": personne.email, "password": MOT_DE_PASSE})
    assert reponse.status_code == 302
    return personne


def _urls_admin() -> list[str]:
    urls = ["/admin/"]
    for modele in admin.site._registry:
        meta = modele._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    return urls


@pytest.mark.parametrize("role", [{"is_staff": True}, {"is_staff": True, "is_superuser": True}])
def test_equipe_sans_second_facteur_renvoyee_vers_son_activation_partout(client, role):
    _connecter(client, **role)
    activation = reverse("mfa_activate_totp")
    urls = _urls_admin() + ["/", "/espace/", "/webinaires/"]
    assert len(urls) > 20
    for url in urls:
        reponse = client.get(url)
        assert reponse.status_code == 302, url
        assert reponse["Location"].startswith(activation), url
    # Les pages du compte restent accessibles : c'est là qu'on active le second facteur (après
    # avoir confirmé son mot de passe).
    assert client.get(activation)["Location"].startswith("/comptes/reauthenticate/")
    assert client.get("/comptes/reauthenticate/").status_code == 200
    assert client.get("/comptes/email/").status_code == 200


def test_equipe_avec_second_facteur_administre(client):
    personne = UtilisateurFactory(is_staff=True, is_superuser=True)
    TOTP.activate(personne, SECRET)
    client.force_login(personne)
    for url in _urls_admin():
        assert client.get(url).status_code == 200, url


def test_membre_sans_role_dans_l_equipe_non_concerne(client):
    client.force_login(UtilisateurFactory())
    assert client.get("/espace/").status_code == 200


def test_activation_du_second_facteur_puis_administration(client):
    personne = _connecter(client, is_staff=True, is_superuser=True)
    # allauth fait confirmer le mot de passe avant de toucher aux seconds facteurs.
    reponse = client.post("/comptes/reauthenticate/", {"password": MOT_DE_PASSE})
    assert reponse.status_code == 302
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    reponse = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert reponse.status_code == 302
    assert Authenticator.objects.filter(user=personne, type="totp").exists()
    assert client.get("/admin/").status_code == 200
