"""Pages publiques servies depuis le cache aux visiteurs anonymes.

Seul le jeton CSRF diffère d'un visiteur anonyme à l'autre : la page est mise en cache avec
un marqueur à la place du jeton, et chaque réponse y réinjecte un jeton neuf. Personne
connectée, message en attente ou requête htmx : rendu normal.
"""

import re

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token

from . import embed

MARQUEUR = "@@jeton-csrf@@"
JETON = re.compile(
    r'(?<=name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(?=")'
    r'|(?<="X-CSRFToken": ")[A-Za-z0-9]{64}(?=")'
)
DUREE = 60  # une minute : le passage « à venir » → « passé » n'attend pas une modification


def _anonyme_sans_etat(request) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and not request.htmx
        and not request.user.is_authenticated
        and len(messages.get_messages(request)) == 0
    )


def publique(request, *, nom: str, rendre) -> HttpResponse:
    if not _anonyme_sans_etat(request):
        return rendre(request)
    cle = f"webinaires:page:{embed.version()}:{nom}"
    gabarit = embed.lire(cle)
    if gabarit is None:
        reponse = rendre(request)
        if reponse.status_code == 200:
            embed.ecrire(cle, JETON.sub(MARQUEUR, reponse.content.decode()), DUREE)
        return reponse
    return HttpResponse(gabarit.replace(MARQUEUR, get_token(request)))
