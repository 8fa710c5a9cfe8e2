"""Pages intégrables : origines autorisées à encadrer, cache par partenaire et par version.

Le cache est celui de toute la plateforme (:mod:`rameau.cache`) : la page dépend du contenu
des webinaires et du programme (partenaires, origines), invalidé par les signaux.
"""

import re

from django.http import HttpRequest

from programme.models import Partenaire
from rameau import cache as cache_partage

ORIGINE = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
DUREE_CACHE = 300
ESPACES = ("webinaires", "programme")


def partenaire(code: str | None) -> Partenaire | None:
    if not code:
        return None
    return Partenaire.objects.filter(code=code).first()


def origines(partenaire: Partenaire | None) -> list[str]:
    """Origines valides listées en administration ; les lignes mal formées sont ignorées."""
    if partenaire is None:
        return []
    propres = (o.rstrip("/") for o in partenaire.liste_origines_integration)
    return [o for o in propres if ORIGINE.match(o)]


def codes_partenaires() -> frozenset[str]:
    """Codes connus, pour qu'un code inventé ne crée pas d'entrée de cache nouvelle."""
    return cache_partage.memoiser(
        espaces=ESPACES,
        suffixe="webinaires:embed:codes",
        construire=lambda: frozenset(Partenaire.objects.values_list("code", flat=True)),
        duree=DUREE_CACHE,
    )


def code_connu(code: str) -> str:
    """Le code s'il désigne un partenaire, sinon ``""`` (page sans partenaire)."""
    return code if code in codes_partenaires() else ""


def suffixe_page(request: HttpRequest) -> str | None:
    """Clé de la page entière : seul ``?partenaire=<code connu>`` (ou rien) est mis en cache."""
    parametres = set(request.GET)
    if not parametres:
        return request.path
    code = request.GET.get("partenaire", "")
    unique = parametres == {"partenaire"} and len(request.GET.getlist("partenaire")) == 1
    if unique and code and code_connu(code) == code:
        return f"{request.path}?partenaire={code}"
    return None


def page_en_cache(*, code: str, slug: str | None, construire):
    """(html, origines) : mémoire du processus, puis cache partagé, puis rendu.

    La clé réunit les versions du contenu, le partenaire (vide s'il est inconnu) et la page.
    """
    code = code_connu(code)
    return cache_partage.memoiser(
        espaces=ESPACES,
        suffixe=f"webinaires:embed:{code}:{slug or ''}",
        construire=lambda: construire(code=code, slug=slug),
        duree=DUREE_CACHE,
    )
