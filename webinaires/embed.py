"""Pages intégrables : origines autorisées à encadrer, cache par partenaire et par version."""

import re
import time
from collections import OrderedDict

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


# La version partagée (Redis) est relue au plus une fois par seconde par processus ; une
# modification faite dans ce processus l'invalide aussitôt, ailleurs en moins d'une seconde.
RELECTURE_VERSION = 1.0
_version_locale: list = [None, 0.0]
_pages_locales: OrderedDict = OrderedDict()
TAILLE_LOCALE = 256


def version() -> int:
    """Version du contenu intégrable, incrémentée à chaque modification (voir signals)."""
    valeur, expire = _version_locale
    if valeur is not None and time.monotonic() < expire:
        return valeur
    valeur = cache.get(CLE_VERSION)
    if valeur is None:
        # Départ horodaté : après un vidage du cache, aucune ancienne clé ne resservira.
        cache.add(CLE_VERSION, time.time_ns() // 1000, None)
        valeur = cache.get(CLE_VERSION, 1)
    _version_locale[:] = [valeur, time.monotonic() + RELECTURE_VERSION]
    return valeur


def invalider() -> None:
    try:
        cache.incr(CLE_VERSION)
    except ValueError:
        cache.set(CLE_VERSION, 2, None)
    _version_locale[:] = [None, 0.0]
    _pages_locales.clear()


def codes_partenaires() -> frozenset[str]:
    """Codes connus, pour qu'un code inventé ne crée pas d'entrée de cache nouvelle."""
    cle = f"webinaires:embed:{version()}:codes"
    codes = lire(cle)
    if codes is None:
        codes = frozenset(Partenaire.objects.values_list("code", flat=True))
        ecrire(cle, codes)
    return codes


def lire(cle: str):
    entree = _pages_locales.get(cle)
    if entree is not None and entree[1] > time.monotonic():
        return entree[0]
    valeur = cache.get(cle)
    if valeur is not None:
        _memoriser(cle, valeur)
    return valeur


def _memoriser(cle: str, valeur, duree: int = DUREE_CACHE) -> None:
    _pages_locales[cle] = (valeur, time.monotonic() + duree)
    _pages_locales.move_to_end(cle)
    while len(_pages_locales) > TAILLE_LOCALE:
        _pages_locales.popitem(last=False)


def ecrire(cle: str, valeur, duree: int = DUREE_CACHE) -> None:
    cache.set(cle, valeur, duree)
    _memoriser(cle, valeur, duree)


def page_en_cache(*, code: str, slug: str | None, construire):
    """(html, origines) : mémoire du processus, puis cache partagé, puis rendu.

    La clé réunit la version du contenu, le partenaire (vide s'il est inconnu) et la page.
    """
    if code not in codes_partenaires():
        code = ""
    cle = f"webinaires:embed:{version()}:{code}:{slug or ''}"
    entree = lire(cle)
    if entree is None:
        entree = construire(code=code, slug=slug)
        if entree is None:
            return None
        ecrire(cle, entree)
    return entree
