"""Réglages de la plateforme, lus depuis l'environnement.

Sans aucune variable d'environnement, la plateforme tourne en mode « embarqué » : SQLite dans
``var/``, cache en mémoire locale, Celery en mode eager et e-mails affichés dans la console.
En production, ``DATABASE_URL``, ``REDIS_URL``, ``EMAIL_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``
et ``SITE_URL`` viennent de l'environnement.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

_DEV_SECRET_KEY = "dev-seulement-cle-non-secrete-pour-le-mode-embarque-0123456789"
SECRET_KEY = env.str("SECRET_KEY", default="")
# Le mode développement est le défaut tant qu'aucune clé secrète n'est fournie.
DEBUG = env.bool("DEBUG", default=not SECRET_KEY)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY est obligatoire lorsque DEBUG est désactivé.")
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY est trop faible : au moins 50 caractères dont 5 différents."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Sans SITE_URL, les liens suivent l'adresse servie (``rameau.site``) : ``make run PORT=8080``.
SITE_URL_CONFIGUREE = "SITE_URL" in env
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "envois",
    "programme",
    "ressources",
    "agenda",
    "webinaires",
    "autodiagnostic",
    "confidentialite",
    "formations",
    "accompagnement",
    "anymail",
    "relais",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rameau.site.AdresseServieMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Origine d'une visite (?relais=…) retenue avant que le cache ne serve la page.
    "programme.attribution.AttributionMiddleware",
    # Pages publiques déjà en cache servies aux visiteurs anonymes sans le reste de la chaîne.
    "rameau.cache.PagesPubliquesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "rameau.middleware.OctetNulMiddleware",
    # L'équipe (staff, superutilisateurs) active la double authentification avant tout le reste.
    "rameau.mfa.DoubleAuthentificationObligatoireMiddleware",
]

ROOT_URLCONF = "rameau.urls"
WSGI_APPLICATION = "rameau.wsgi.application"
ASGI_APPLICATION = "rameau.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rameau.context_processors.site",
            ],
        },
    },
]

# Base de données : SQLite embarquée par défaut, PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'rameau.sqlite3'}")
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(exist_ok=True)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Pool de connexions de psycopg (Django ≥ 5.1) : DB_POOL_MAX_SIZE > 0 l'active (PostgreSQL
# seulement). Chaque processus (worker gunicorn, worker Celery) garde au plus ce nombre de
# connexions ouvertes ; avec N répliques web, prévoir N × workers × taille ≤ max_connections,
# ou placer PgBouncer (mode transaction) devant PostgreSQL. Incompatible avec CONN_MAX_AGE.
DB_POOL_MAX_SIZE = env.int("DB_POOL_MAX_SIZE", default=0)
if DB_POOL_MAX_SIZE and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN_SIZE", default=1),
        "max_size": DB_POOL_MAX_SIZE,
        "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache et courtier Celery : mémoire locale et mode eager par défaut, Redis via REDIS_URL.
REDIS_URL = env.str("REDIS_URL", default="")
# Redis injoignable = pas de cache (jamais d'erreur 500) : délais courts, puis une pause
# pendant laquelle le processus ne le sollicite plus (voir ``rameau.cache.RedisTolerant``).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "rameau.cache.RedisTolerant",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="rameau"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_DELAI_CONNEXION", default=0.25),
                "socket_timeout": env.float("CACHE_DELAI_LECTURE", default=0.5),
                "pause_apres_panne": env.float("CACHE_PAUSE_APRES_PANNE", default=2.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/Paris"
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {}
# Files par nature de travail : « mail » (SMTP, beaucoup d'attente réseau), « pdf » (WeasyPrint,
# gourmand en mémoire : workers avec --max-tasks-per-child), « celery » (le reste). Un worker
# lancé sans -Q écoute les trois (développement, tests, une seule machine) ; en production,
# un worker par file (``celery -A rameau worker -Q mail``…, voir README). Le mode eager les
# ignore.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue("celery"), Queue("mail"), Queue("pdf")]
CELERY_TASK_ROUTES = {
    "envois.tasks.*": {"queue": "mail"},
    "ressources.tasks.rendre_fiche": {"queue": "pdf"},
}

# E-mail : console par défaut, SMTP via EMAIL_URL (ex. smtp+tls://user:pass@host:587).
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Le RAMEAU <programme@lerameau.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Comptes : django-allauth, e-mail comme identifiant, vérification obligatoire.
AUTH_USER_MODEL = "programme.Utilisateur"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "rameau.account_adapter.CompteAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Le RAMEAU] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Échecs de connexion comptés par compte (5 en 5 min) : une adresse IP partagée (bureau, box)
# ne bloque pas tous ses membres ; la limite par IP ne vise que le balayage massif.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "60/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    # E-mails vers une adresse tapée par un visiteur (``rameau.limites``) : par IP, par adresse.
    "rameau_inscription": "10/m/ip,6/h/key",
    "rameau_abonnement": "10/m/ip,3/h/key",
    "rameau_lien_reprise": "10/m/ip,3/h/key",
    "rameau_invitation": "20/m/ip,5/h/key",
    "rameau_donnees": "10/m/ip,3/h/key",
}
# Derrière un mandataire inverse (nginx, Caddy) : le nombre de mandataires de confiance, pour
# lire l'adresse du client dans X-Forwarded-For (0 : REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
# Double authentification (allauth.mfa) : application TOTP, clés d'accès (WebAuthn), codes de
# secours ; obligatoire pour l'équipe (``rameau.mfa``). « Faire confiance à ce navigateur ».
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Le RAMEAU"
MFA_TRUST_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # http://127.0.0.1 en développement seulement
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "programme:espace"
ACCOUNT_LOGOUT_REDIRECT_URL = "programme:accueil"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Langue, fuseau, formats français.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Sécurité. La CSP n'autorise ni script ni style en ligne.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Sessions lues dans le cache partagé (Redis en production), écrites aussi en base.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^sante/$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint (≥ 69) ne règle plus le niveau de son journal : sans ce plancher, chaque
    # rendu de fiche écrirait ses étapes (« Step 1 - Fetching and parsing HTML »…) en INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}

# --- Envois (boîte d'envoi) : le beat demande à la base ce qui est dû, jamais d'eta. ---
# Ce qui est devenu dû pendant une panne est envoyé s'il date de moins que la fenêtre de
# rattrapage, sinon noté « manqué ». Un lot réservé par un worker tué est repris après le bail.
ENVOIS_FENETRE_RATTRAPAGE_HEURES = env.int("ENVOIS_FENETRE_RATTRAPAGE_HEURES", default=6)
ENVOIS_BAIL_SECONDES = env.int("ENVOIS_BAIL_SECONDES", default=600)
_intervalle_envois = env.float("ENVOIS_INTERVALLE_BEAT_SECONDES", default=300.0)
CELERY_BEAT_SCHEDULE["envois-dus"] = {
    "task": "envois.tasks.traiter",
    "schedule": _intervalle_envois,
    # Workers arrêtés : les passages en attente expirent au lieu de s'empiler.
    "options": {"expires": _intervalle_envois},
}

# --- Fiches PDF : limite de temps du rendu, qui sert aussi de bail (worker tué → relance). ---
FICHES_LIMITE_RENDU_SECONDES = env.int("FICHES_LIMITE_RENDU_SECONDES", default=60)

# --- RGPD (``confidentialite``, registres ``rameau.rgpd``) : durées de conservation. ---------
RGPD_DIAGNOSTICS_INACHEVES_MOIS = env.int("RGPD_DIAGNOSTICS_INACHEVES_MOIS", default=12)
RGPD_INSCRITS_ANNEES = env.int("RGPD_INSCRITS_ANNEES", default=3)
RGPD_LIEN_CONFIRMATION_HEURES = env.int("RGPD_LIEN_CONFIRMATION_HEURES", default=24)
RGPD_ARCHIVE_JOURS = env.int("RGPD_ARCHIVE_JOURS", default=7)
# Archives « Mes données » : hors de MEDIA_ROOT (jamais servies telles quelles) ; sur plusieurs
# machines, un volume partagé entre le web et les workers, comme MEDIA_ROOT.
RGPD_ARCHIVES_ROOT = env.path("RGPD_ARCHIVES_ROOT", default=VAR_DIR / "archives-rgpd")
CELERY_BEAT_SCHEDULE["rgpd-conservation"] = {
    "task": "confidentialite.tasks.appliquer_conservation",
    "schedule": env.float("RGPD_INTERVALLE_BEAT_SECONDES", default=24 * 3600.0),
    "options": {"expires": 3600},
}
# Clé Ed25519 qui signe les badges Open Badges des attestations (32 octets en base64url, ou
# PEM PKCS#8) ; vide : dérivée de SECRET_KEY (voir ``formations/signature.py``).
FORMATIONS_CLE_SIGNATURE = env.str("FORMATIONS_CLE_SIGNATURE", default="")
# --- relais : prestataire d'envoi (django-anymail), rebonds et plaintes -----------------------
# Avec un prestataire, EMAIL_BACKEND = "anymail.backends.<prestataire>.EmailBackend" et son
# webhook de suivi pointé sur /relais/anymail/<prestataire>/tracking/ (authentification de
# base « ANYMAIL_WEBHOOK_SECRET » dans l'adresse, plus la clé de signature du prestataire).
ANYMAIL = {
    key: value
    for key, value in {
        "WEBHOOK_SECRET": env.str("ANYMAIL_WEBHOOK_SECRET", default=""),
        "MAILGUN_API_KEY": env.str("MAILGUN_API_KEY", default=""),
        "MAILGUN_WEBHOOK_SIGNING_KEY": env.str("MAILGUN_WEBHOOK_SIGNING_KEY", default=""),
        "POSTMARK_SERVER_TOKEN": env.str("POSTMARK_SERVER_TOKEN", default=""),
        "BREVO_API_KEY": env.str("BREVO_API_KEY", default=""),
    }.items()
    if value
}
