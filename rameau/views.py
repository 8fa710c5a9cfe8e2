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


# Pages d'erreur. Contrairement à celles de Django, aucune ne porte ``requires_csrf_token`` :
# cette vérification relit le corps du formulaire, et c'est parfois sa lecture qui a échoué
# (jeu de caractères autre qu'UTF-8) ; la page 400 se relevait alors en erreur 500 vide. Les
# pages 400 et 500 sont rendues sans la requête : ni session, ni base, ni corps.

SECOURS = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>%(titre)s</title></head>
<body><h1>%(titre)s</h1><p>%(message)s</p><p><a href="/">Revenir à l'accueil</a></p></body>
</html>"""


def _page_erreur(request, statut: int, titre: str, message: str) -> HttpResponse:
    contexte = {"titre": titre, "message": message}
    try:
        contenu = render_to_string("erreur.html", contexte, request=request)
    except Exception:
        logger.exception("Page d'erreur %s impossible à rendre", statut)
        contenu = SECOURS % contexte
    return HttpResponse(contenu, status=statut)


def erreur_400(request, exception=None):
    return _page_erreur(
        None,
        400,
        _("Demande incorrecte"),
        _(
            "Votre demande n'a pas pu être traitée : elle contient des caractères ou un "
            "encodage que le site n'accepte pas. Revenez à la page précédente, vérifiez votre "
            "saisie et réessayez."
        ),
    )


def erreur_403(request, exception=None):
    return _page_erreur(
        request,
        403,
        _("Accès refusé"),
        _("Vous n'avez pas accès à cette page avec ce compte."),
    )


def erreur_404(request, exception=None):
    return _page_erreur(
        request,
        404,
        _("Cette page est introuvable"),
        _(
            "Le lien est peut-être incomplet ou n'est plus valable. Vérifiez l'adresse ou "
            "repartez de l'accueil."
        ),
    )


def erreur_500(request):
    return _page_erreur(
        None,
        500,
        _("Erreur du serveur"),
        _("Une erreur inattendue est survenue de notre côté. Réessayez dans quelques minutes."),
    )


def favicon(request):
    """Les pages sans ``<link rel="icon">`` (administration) : le navigateur demande
    ``/favicon.ico`` ; l'adresse statique est résolue à la demande (manifeste compris)."""
    from django.shortcuts import redirect
    from django.templatetags.static import static

    return redirect(static("img/favicon.svg"), permanent=True)


def erreur_serveur(request):
    """Gestionnaire des erreurs 500 (``handler500``) : une base injoignable donne une page
    503 en français, statique (ni base ni contexte de gabarit), avec ``Retry-After`` ;
    toute autre erreur reste la 500 habituelle."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return base_indisponible()
    return erreur_500(request)


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
