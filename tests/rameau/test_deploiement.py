import os
import secrets
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://utilisateur:secret@smtp.exemple.org:587",
    "ALLOWED_HOSTS": "modeles.lerameau.fr",
    "SITE_URL": "https://modeles.lerameau.fr",
}


def _manage(*args, env):
    exclues = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", *PRODUCTION}
    propre = {k: v for k, v in os.environ.items() if k not in exclues}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=RACINE,
        env={**propre, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_reglages_de_production_passent_check_deploy_sans_avertissement():
    resultat = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert resultat.returncode == 0, resultat.stderr
    assert "System check identified no issues" in resultat.stdout
    assert "WARNINGS" not in resultat.stderr


def test_production_refuse_une_cle_secrete_faible():
    resultat = _manage("check", env={**PRODUCTION, "SECRET_KEY": "trop-courte"})
    assert resultat.returncode != 0
    assert "SECRET_KEY est trop faible" in resultat.stderr


def test_production_sans_cle_secrete_refusee():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    resultat = _manage("check", env={**env, "DEBUG": "false"})
    assert resultat.returncode != 0
    assert "SECRET_KEY est obligatoire" in resultat.stderr


def test_mode_embarque_sans_environnement():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'],"
        " s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, s.TIME_ZONE, s.LANGUAGE_CODE)"
    )
    resultat = _manage("shell", "-c", code, env={})
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.strip().splitlines()[-1].split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "Europe/Paris",
        "fr",
    ]
