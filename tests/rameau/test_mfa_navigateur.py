"""Dans Chromium : un membre de l'équipe se connecte, doit activer son application
d'authentification, puis administre ; à la connexion suivante, le code lui est demandé."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as compteurs

from tests.factories import UtilisateurFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.sans_double_authentification,
]

MOT_DE_PASSE = "un mot de passe de l'équipe 42"


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(compteurs()))))


def _se_connecter(page, base, email):
    page.goto(base + "/admin/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Connexion").click()


def test_activation_du_second_facteur_puis_connexion_avec_code(page, live_server):
    personne = UtilisateurFactory(is_staff=True, is_superuser=True, email="equipe@exemple.org")
    personne.set_password(MOT_DE_PASSE)
    personne.save()
    EmailAddress.objects.create(user=personne, email=personne.email, verified=True, primary=True)
    base = live_server.url

    _se_connecter(page, base, personne.email)
    # Renvoyée vers l'activation, qui fait d'abord confirmer le mot de passe.
    page.wait_for_url("**/comptes/reauthenticate/**")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url("**/2fa/totp/activate/**")
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1  # le QR code
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code de l'authentificateur").fill(_code(secret))
    # Attendre la réponse de l'activation : naviguer avant l'interromprait (machine chargée).
    with page.expect_navigation():
        page.get_by_role("button", name="Activer").click()
    page.goto(base + "/admin/")
    assert "administration du programme" in page.content()

    # Nouvelle session : le code de l'application est demandé après le mot de passe.
    page.context.clear_cookies()
    _se_connecter(page, base, personne.email)
    page.wait_for_url("**/2fa/authenticate/**")
    # Un code déjà servi (à l'activation) est refusé : on attend le code suivant (≤ 30 s).
    premier = _code(secret)
    while _code(secret) == premier:
        time.sleep(0.5)
    page.locator("input[name=code]").fill(_code(secret))
    page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    page.wait_for_load_state()
    if "/2fa/trust/" in page.url:  # « faire confiance à ce navigateur » : oui
        page.locator("button[name=action][value=trust]").click()
        page.wait_for_load_state()
    page.goto(base + "/admin/")
    assert "administration du programme" in page.content()
    page.journal.verifier()
