"""Adresse publique du site, pour les liens des e-mails, des PDF et du code d'intégration.

En production, ``SITE_URL`` vient de l'environnement et fait foi. Dans le mode embarqué
(aucune ``SITE_URL`` fournie), l'adresse est celle que le navigateur a demandée : ``make run
PORT=8080`` donne des liens vers le port 8080. Celery y tourne en mode eager, donc les e-mails
et les PDF produits pendant la requête héritent de cette adresse.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed

_adresse_servie: ContextVar[str | None] = ContextVar("adresse_servie", default=None)


def adresse() -> str:
    """L'adresse du site, sans barre oblique finale (ex. ``http://127.0.0.1:8080``)."""
    return _adresse_servie.get() or settings.SITE_URL


def url_absolue(chemin: str) -> str:
    return adresse() + chemin


class AdresseServieMiddleware:
    """Retient l'adresse demandée quand aucune ``SITE_URL`` n'est configurée."""

    def __init__(self, get_response):
        if settings.SITE_URL_CONFIGUREE:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        try:
            servie = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            return self.get_response(request)
        jeton = _adresse_servie.set(servie)
        try:
            return self.get_response(request)
        finally:
            _adresse_servie.reset(jeton)
