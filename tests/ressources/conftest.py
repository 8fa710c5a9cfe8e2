import subprocess
import time
from io import BytesIO

import pytest
from django.db import connections


@pytest.fixture(autouse=True)
def _media_temporaire(settings, tmp_path):
    """Chaque test écrit ses PDF dans un dossier à lui."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FICHES_DELAI_REESSAI = 0
    return settings.MEDIA_ROOT


@pytest.fixture
def fichiers_pdf(_media_temporaire):
    """Liste les PDF présents dans le stockage."""
    return lambda: sorted(p.name for p in _media_temporaire.rglob("*.pdf"))


@pytest.fixture
def worker_celery(transactional_db):
    """Un vrai worker Celery (fil du processus de test) sur le Redis de test.

    Le worker ouvre ses propres connexions à la base de test ; sans persistance de
    connexion, elles sont fermées après chaque tâche et ne bloquent pas le nettoyage.
    """
    from celery.contrib.testing.worker import start_worker

    from rameau.celery import app

    reglages = connections["default"].settings_dict
    ancien = reglages["CONN_MAX_AGE"]
    reglages["CONN_MAX_AGE"] = 0
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as w:
            yield w
    finally:
        reglages["CONN_MAX_AGE"] = ancien


def texte_pdf(contenu: bytes) -> str:
    """Texte extrait par pdftotext (poppler-utils), espaces et retours à la ligne réduits."""
    resultat = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=contenu,
        capture_output=True,
        check=True,
    )
    # Un mot composé coupé en fin de ligne (« savoir-\nfaire ») est recollé.
    return " ".join(resultat.stdout.decode().replace("-\n", "-").split())


def lire_pdf(contenu: bytes):
    from pypdf import PdfReader

    return PdfReader(BytesIO(contenu))


def contenu_reponse(reponse) -> bytes:
    return b"".join(reponse.streaming_content) if reponse.streaming else reponse.content


def attendre_pdf(client, url: str, *, delai: float = 60) -> bytes:
    """Interroge la page comme le ferait le navigateur jusqu'à obtenir le PDF."""
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        reponse = client.get(url)
        assert reponse.status_code == 200
        if reponse["Content-Type"] == "application/pdf":
            return contenu_reponse(reponse)
        assert "échoué" not in reponse.content.decode(), reponse.content.decode()
        time.sleep(0.2)
    raise AssertionError(f"Le PDF {url} n'est pas prêt après {delai} s.")


@pytest.fixture
def contenu_autodiagnostic(django_db_blocker):
    """Recharge les questionnaires par défaut (vidés par les tests transactionnels)."""
    from django.apps import apps

    from autodiagnostic import contenu

    with django_db_blocker.unblock():
        contenu.charger(apps)


def diagnostic_termine(*, organisation_nom: str, ressources: dict, besoin: str = "experimenter"):
    """Un diagnostic « association » complet et calculé, par les services de l'application."""
    from autodiagnostic import services

    diagnostic = services.diagnostic_creer(profil="association", organisation_nom=organisation_nom)
    questions = list(diagnostic.questionnaire.questions.prefetch_related("choix"))
    donnees = {q.code: 2 for q in questions if q.type == "echelle"}
    donnees.update(ressources)
    donnees["besoin.prioritaire"] = besoin
    erreurs = services.reponses_enregistrer(
        diagnostic=diagnostic, questions=questions, donnees=donnees
    )
    assert erreurs == {}
    services.diagnostic_terminer(diagnostic=diagnostic)
    diagnostic.refresh_from_db()
    return diagnostic


@pytest.fixture
def contenu_ressources(django_db_blocker):
    """Recharge le socle de connaissance (vidé par les tests transactionnels)."""
    from django.apps import apps

    from ressources import contenu

    with django_db_blocker.unblock():
        contenu.charger(apps)
