import logging
import sys

from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error

logger = logging.getLogger(__name__)

RELANCE_SECONDES = 60


@require_GET
@never_cache
def sante(request):
    """État de santé : 200 si la base et le cache répondent, 503 sinon."""
    etat = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        etat["base_de_donnees"] = "ok"
    except Exception:
        logger.exception("Base de données injoignable")
        etat["base_de_donnees"] = "erreur"
    try:
        cache.set("sante:ping", "pong", 5)
        etat["cache"] = "ok" if cache.get("sante:ping") == "pong" else "erreur"
    except Exception:
        logger.exception("Cache injoignable")
        etat["cache"] = "erreur"
    ok = all(v == "ok" for v in etat.values())
    return JsonResponse({"statut": "ok" if ok else "erreur", **etat}, status=200 if ok else 503)


def erreur_serveur(request):
    """Gestionnaire des erreurs 500 (``handler500``) : une base injoignable donne une page
    503 en français, statique (ni base ni contexte de gabarit), avec ``Retry-After`` ;
    toute autre erreur reste la 500 habituelle."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return base_indisponible()
    return server_error(request)


def base_indisponible() -> HttpResponse:
    try:
        html = render_to_string("503.html", {"feuille": _feuille_du_site()})
    except Exception:  # la page d'erreur ne doit jamais échouer elle-même
        logger.exception("Page 503 impossible à rendre : version minimale.")
        titre = _("Service momentanément indisponible")
        html = (
            f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{titre}</title>'
            f"</head><body><h1>{titre}</h1><p>{_('Réessayez dans une minute.')}</p></body></html>"
        )
    reponse = HttpResponse(html, status=503)
    reponse["Retry-After"] = str(RELANCE_SECONDES)
    reponse["Cache-Control"] = "no-store"
    return reponse


def _feuille_du_site() -> str | None:
    try:
        return static("css/site.css")
    except ValueError:  # manifeste des fichiers statiques absent (collectstatic non lancé)
        return None
