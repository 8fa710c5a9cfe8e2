"""Pages intégrables : origines autorisées à encadrer, cache par partenaire et par version."""

import re

from django.core.cache import cache

from programme.models import Partenaire

ORIGINE = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
DUREE_CACHE = 300
CLE_VERSION = "webinaires:embed:version"


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


def version() -> int:
    """Version du contenu intégrable, incrémentée à chaque modification (voir signals)."""
    valeur = cache.get(CLE_VERSION)
    if valeur is None:
        cache.add(CLE_VERSION, 1, None)
        valeur = cache.get(CLE_VERSION, 1)
    return valeur


def invalider() -> None:
    try:
        cache.incr(CLE_VERSION)
    except ValueError:
        cache.set(CLE_VERSION, 2, None)


def page_en_cache(*, code: str, slug: str | None, construire):
    """(html, origines) depuis le cache ; clé = partenaire + page + version du contenu."""
    cle = f"webinaires:embed:{version()}:{code}:{slug or ''}"
    entree = cache.get(cle)
    if entree is None:
        entree = construire(code=code, slug=slug)
        if entree is None:
            return None
        cache.set(cle, entree, DUREE_CACHE)
    return entree
