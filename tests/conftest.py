"""Configuration commune des tests.

Les tests tournent contre un vrai PostgreSQL et un vrai Redis (``make test`` fournit
``DATABASE_URL`` et ``REDIS_URL``). En CI (``CI=true``), l'absence de l'un d'eux est une
erreur, jamais un test ignoré.
"""

import os
import shutil

import pytest
from django.conf import settings

# Playwright (API synchrone) fait tourner une boucle asyncio dans le fil principal ; l'accès
# à la base depuis les fixtures de test reste synchrone et sûr.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
EN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config):
    if EN_CI:
        moteur = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in moteur:
            raise pytest.UsageError(f"CI : PostgreSQL est requis (moteur actuel : {moteur}).")
        if not settings.REDIS_URL:
            raise pytest.UsageError("CI : REDIS_URL est requis.")
        if not shutil.which(CHROMIUM):
            raise pytest.UsageError(f"CI : Chromium est requis ({CHROMIUM}).")


@pytest.fixture(autouse=True)
def _celery_eager_et_cache_vide(request, settings):
    """Celery en mode eager sauf pour les tests qui démarrent un vrai worker ; cache vidé
    (les deux niveaux : cache partagé et mémoire du processus, voir ``rameau.cache``)."""
    from django.core.cache import cache

    from rameau.cache import vider_memoire_locale
    from rameau.celery import app

    # Avec l'espace de noms « CELERY », ce sont les clés préfixées qui font foi.
    eager = request.node.get_closest_marker("worker") is None
    anciens = (app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.CELERY_TASK_EAGER_PROPAGATES)
    app.conf.CELERY_TASK_ALWAYS_EAGER = eager
    app.conf.CELERY_TASK_EAGER_PROPAGATES = True
    cache.clear()
    vider_memoire_locale()
    yield
    app.conf.CELERY_TASK_ALWAYS_EAGER, app.conf.CELERY_TASK_EAGER_PROPAGATES = anciens
    cache.clear()
    vider_memoire_locale()


@pytest.fixture(autouse=True)
def _equipe_avec_double_authentification(request):
    """Les comptes de l'équipe créés par les tests ont leur second facteur (comme en vrai :
    l'administration le leur impose). Les tests de cette obligation s'en passent avec la
    marque ``sans_double_authentification``."""
    if request.node.get_closest_marker("sans_double_authentification"):
        yield
        return
    from django.db.models.signals import post_save

    from programme.models import Utilisateur

    def activer(sender, instance, created, **kwargs):
        if created and (instance.is_staff or instance.is_superuser):
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(instance, "JBSWY3DPEHPK3PXPTESTSTESTSTESTAB")

    post_save.connect(activer, sender=Utilisateur, dispatch_uid="tests-equipe-mfa")
    yield
    post_save.disconnect(sender=Utilisateur, dispatch_uid="tests-equipe-mfa")


@pytest.fixture
def contenu_programme(django_db_blocker):
    """Recharge le contenu de référence (vidé par les tests transactionnels)."""
    from django.apps import apps

    from programme import contenu

    with django_db_blocker.unblock():
        contenu.charger(apps)


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def navigateur(_playwright):
    """Le Chromium de Debian : Playwright ne télécharge aucun navigateur ici."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) : installez le paquet « chromium ».")
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
    yield browser
    browser.close()


class JournalPage:
    """Erreurs de console et violations de CSP relevées pendant un test."""

    def __init__(self):
        self.erreurs: list[str] = []

    def verifier(self):
        assert self.erreurs == [], f"Erreurs dans le navigateur : {self.erreurs}"


@pytest.fixture
def page(navigateur):
    contexte = navigateur.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    page = contexte.new_page()
    journal = JournalPage()
    page.on("console", lambda m: m.type == "error" and journal.erreurs.append(m.text))
    page.on("pageerror", lambda e: journal.erreurs.append(str(e)))
    # Les violations de CSP remontent dans la console et comme événement DOM.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.journal = journal
    yield page
    contexte.close()
