import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


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
