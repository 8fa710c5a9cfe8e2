"""Refus, avant toute vue, des requêtes qu'aucune page ne peut traiter."""

from importlib import import_module

from django.conf import settings
from django.core.exceptions import BadRequest

OCTET_NUL = "\x00"


def _contient_octet_nul(donnees) -> bool:
    return any(
        OCTET_NUL in cle or any(OCTET_NUL in valeur for valeur in valeurs)
        for cle, valeurs in donnees.lists()
    )


class OctetNulMiddleware:
    """Répond 400 quand le chemin, un paramètre ou un champ de formulaire contient un octet nul.

    PostgreSQL refuse l'octet nul dans un texte : sans ce filtre, un jeton « %00 » dans un lien
    ou un octet nul dans une réponse finit en erreur serveur. Aucune saisie légitime n'en
    contient. Le corps est lu ici, avant la vérification CSRF : un corps illisible (jeu de
    caractères autre qu'UTF-8, trop de champs…) lève ``BadRequest`` et reçoit, lui aussi, la
    page 400. Placé en fin de liste, ce middleware passe avant toute vue et sa réponse reçoit
    les en-têtes de sécurité (CSP, X-Frame-Options) des middlewares qui le précèdent.

    Un cookie de session contenant un octet nul est ignoré, comme un cookie expiré : la
    personne repart d'une session vide au lieu de ne plus voir que des erreurs serveur.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if OCTET_NUL in request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""):
            # La session n'est lue qu'à son premier usage, dans la vue : il est encore temps.
            request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        if (
            OCTET_NUL in request.path
            or _contient_octet_nul(request.GET)
            or (request.method == "POST" and _contient_octet_nul(request.POST))
        ):
            raise BadRequest("Octet nul dans la requête.")
        return self.get_response(request)
