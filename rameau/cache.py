"""Le cache versionné à deux niveaux de la plateforme, et les pages publiques qu'il sert.

Trois étages :

1. **Un cache partagé tolérant** (:class:`RedisTolerant`) : Redis injoignable = pas de cache.
   Chaque opération qui échoue (connexion, délai) se comporte comme un cache vide (lecture
   manquée, écriture ignorée), le processus cesse d'essayer pendant :attr:`RedisTolerant.pause`
   secondes et le signale dans le journal de temps en temps. Jamais d'erreur 500 pour le cache.

2. **Des versions par espace de noms** : un compteur par espace (``programme``,
   ``webinaires``…) dans le cache partagé, relu au plus une fois par seconde par processus ;
   :func:`invalider` l'incrémente. Les clés (:func:`cle`) contiennent les versions des
   espaces dont la valeur dépend : une modification rend d'un coup toutes les anciennes clés
   inaccessibles, dans ce processus aussitôt, dans les autres en au plus une seconde.
   Devant le cache partagé, une mémoire LRU propre au processus (:func:`lire`,
   :func:`ecrire`) garde les valeurs récentes avec leur échéance d'origine : une copie locale
   ne prolonge jamais la durée de vie d'une valeur. Cache injoignable : :func:`cle` rend
   ``None`` et rien n'est lu ni écrit (les versions ne seraient plus partagées).

   Les modifications faites par l'équipe invalident les espaces par des signaux :
   :func:`invalider_sur_modification` associe des modèles (``"app.modele"``) à un espace.

3. **Les pages publiques anonymes** (:func:`page_publique`, :class:`PagesPubliquesMiddleware`) :
   une page sans état (visiteur anonyme, GET sans paramètre, ni message ni htmx) est rendue
   une fois puis servie depuis le cache ; seul le jeton CSRF diffère d'un visiteur à
   l'autre : la page est gardée avec un marqueur à sa place et chaque réponse y met un jeton
   neuf (et le cookie qui va avec). Le middleware sert ces pages en tête de chaîne, avec les
   en-têtes que la chaîne complète avait produits (CSP, X-Frame-Options, Vary…).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps

import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import DisallowedHost
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CsrfViewMiddleware,
)
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

# Espaces du contenu que l'équipe édite : les pages publiques dépendent de tous (une édition
# est rare ; mieux vaut recalculer une page de trop que servir une page périmée).
# Au-delà, le suffixe d'une clé (un chemin…) est remplacé par son empreinte.
LONGUEUR_MAX_SUFFIXE = 120
CONTENU = ("programme", "webinaires", "ressources", "autodiagnostic")

# --- 1. Cache partagé tolérant -----------------------------------------------------------

PANNES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
INTERVALLE_JOURNAL = 60.0  # secondes entre deux avertissements « cache injoignable »
_dernier_avertissement = [0.0]
_ABSENT = object()


class RedisTolerant(RedisCache):
    """``RedisCache`` qui se comporte comme un cache vide quand Redis ne répond pas.

    Lecture : valeur absente ; écriture, suppression : sans effet ; ``add`` : réussi (rien
    n'occupe la clé, les verrous et limites de débit ne bloquent pas) ; ``incr`` :
    ``ValueError`` comme pour une clé absente. Après une panne, Redis n'est plus sollicité
    pendant ``OPTIONS["pause_apres_panne"]`` secondes (2 par défaut) : une panne coûte une
    tentative, pas une par opération.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.pause = float(options.pop("pause_apres_panne", 2.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._hors_service_jusqu_a = 0.0

    def disponible(self) -> bool:
        """Faux pendant la pause qui suit une panne."""
        return time.monotonic() >= self._hors_service_jusqu_a

    def _essayer(self, operation, repli, *args, **kwargs):
        if time.monotonic() < self._hors_service_jusqu_a:
            return repli
        try:
            return operation(*args, **kwargs)
        except PANNES as exc:
            self._hors_service_jusqu_a = time.monotonic() + self.pause
            maintenant = time.monotonic()
            if maintenant - _dernier_avertissement[0] >= INTERVALLE_JOURNAL:
                _dernier_avertissement[0] = maintenant
                logger.warning(
                    "Cache Redis injoignable (%s : %s) : la plateforme continue sans cache.",
                    type(exc).__name__,
                    exc,
                )
            return repli

    def get(self, key, default=None, version=None):
        return self._essayer(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._essayer(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._essayer(super().has_key, False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._essayer(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._essayer(super().set_many, list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._essayer(super().add, True, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._essayer(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._essayer(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        self._essayer(super().delete_many, None, keys, version)

    def incr(self, key, delta=1, version=None):
        valeur = self._essayer(super().incr, _ABSENT, key, delta, version)
        if valeur is _ABSENT:
            raise ValueError(f"Key '{key}' not found")
        return valeur

    def clear(self):
        vider_memoire_locale()
        self._essayer(super().clear, None)


def _cache_disponible() -> bool:
    disponible = getattr(cache, "disponible", None)
    return disponible() if disponible is not None else True


# --- 2. Versions par espace et mémoire locale --------------------------------------------

RELECTURE_VERSIONS = 1.0  # secondes : une invalidation est vue partout en au plus ce délai
TAILLE_LOCALE = 512  # entrées gardées par processus

_verrou = threading.Lock()
_versions: dict[str, tuple[int | None, float]] = {}  # espace → (version, relire après)
_locales: OrderedDict[str, tuple[float, object]] = OrderedDict()  # clé → (échéance, valeur)
_invalidations_en_attente: set[str] = set()  # faites pendant une panne du cache partagé


def vider_memoire_locale() -> None:
    """Oublie ce que ce processus garde (versions relues, valeurs, pages connues)."""
    with _verrou:
        _versions.clear()
        _locales.clear()
        _pages_connues.clear()


def _cle_version(espace: str) -> str:
    return f"version:{espace}"


def _depart() -> int:
    # Départ horodaté (µs) : après un vidage du cache, aucune ancienne clé ne resservira.
    return time.time_ns() // 1000


def versions(*espaces: str, fraiches: bool = False) -> tuple[int, ...] | None:
    """Les versions des espaces, ou ``None`` si le cache partagé est injoignable."""
    maintenant = time.monotonic()
    a_lire = [e for e in espaces if fraiches or e not in _versions or _versions[e][1] <= maintenant]
    if a_lire:
        cles = {e: _cle_version(e) for e in a_lire}
        lues = cache.get_many(list(cles.values()))
        manquantes = [e for e in a_lire if cles[e] not in lues]
        if manquantes:
            for espace in manquantes:
                cache.add(cles[espace], _depart(), None)
            lues.update(cache.get_many([cles[e] for e in manquantes]))
        with _verrou:
            for espace in a_lire:
                _versions[espace] = (lues.get(cles[espace]), maintenant + RELECTURE_VERSIONS)
        if _invalidations_en_attente and all(cles[e] in lues for e in a_lire):
            _rejouer_invalidations()  # le cache partagé répond de nouveau
            return versions(*espaces)
    resultat = tuple(_versions[e][0] for e in espaces)
    return None if None in resultat else resultat


def invalider(*espaces: str) -> None:
    """Nouvelle version des espaces : tout ce qui en dépend est recalculé à la demande."""
    for espace in espaces:
        cle_version = _cle_version(espace)
        try:
            cache.incr(cle_version)
        except ValueError:  # clé évincée (ou cache injoignable)
            cache.add(cle_version, _depart(), None)
        if not _cache_disponible():
            # Le cache partagé n'a rien reçu : à rejouer dès qu'il répond de nouveau.
            _invalidations_en_attente.add(espace)
        with _verrou:
            _versions.pop(espace, None)


def _rejouer_invalidations() -> None:
    espaces = set(_invalidations_en_attente)
    _invalidations_en_attente.difference_update(espaces)
    invalider(*espaces)


def cle(espaces: Iterable[str], suffixe: str, *, lues=_ABSENT) -> str | None:
    """Clé qui contient les versions des ``espaces`` ; ``None`` si le cache est injoignable.

    ``lues`` : les versions lues plus tôt (:func:`versions`), pour garder une valeur calculée
    sous les versions d'avant son calcul.
    """
    espaces = tuple(espaces)
    valeurs = versions(*espaces) if lues is _ABSENT else lues
    if valeurs is None:
        return None
    if len(suffixe) > LONGUEUR_MAX_SUFFIXE or any(ord(c) < 33 or ord(c) == 127 for c in suffixe):
        # Un chemin saisi par un visiteur, très long ou avec des espaces et caractères de
        # contrôle : remplacé par son empreinte, la clé reste de celles que tout cache accepte
        # (memcached : 250 caractères, ni espace ni contrôle), sans collision possible.
        suffixe = "#" + hashlib.sha256(suffixe.encode()).hexdigest()
    return suffixe + "@" + ",".join(f"{e}{v}" for e, v in zip(espaces, valeurs, strict=True))


def lire(cle_complete: str | None):
    """La valeur de la clé : mémoire du processus, sinon cache partagé ; ``None`` si absente."""
    if cle_complete is None:
        return None
    maintenant = time.time()
    entree = _locales.get(cle_complete)
    if entree is not None and entree[0] > maintenant:
        return entree[1]
    partagee = cache.get(cle_complete)
    if partagee is None or partagee[0] <= maintenant:
        return None
    _memoriser(cle_complete, *partagee)
    return partagee[1]


def ecrire(cle_complete: str | None, valeur, duree: float) -> None:
    """Garde la valeur ``duree`` secondes, ici et dans le cache partagé (même échéance)."""
    if cle_complete is None:
        return
    echeance = time.time() + duree
    cache.set(cle_complete, (echeance, valeur), duree)
    _memoriser(cle_complete, echeance, valeur)


def _memoriser(cle_complete: str, echeance: float, valeur) -> None:
    with _verrou:
        _locales[cle_complete] = (echeance, valeur)
        _locales.move_to_end(cle_complete)
        while len(_locales) > TAILLE_LOCALE:
            _locales.popitem(last=False)


def memoiser(*, espaces: Iterable[str], suffixe: str, construire: Callable, duree: float):
    """La valeur en cache, sinon ``construire()`` (gardée si elle n'est pas ``None``).

    La clé est calculée avant la construction : une modification faite pendant le calcul
    a déjà changé la version, et la valeur calculée n'est jamais resservie après elle.
    """
    cle_complete = cle(espaces, suffixe)
    valeur = lire(cle_complete)
    if valeur is None:
        valeur = construire()
        if valeur is not None:
            ecrire(cle_complete, valeur, duree)
    return valeur


# --- Invalidation par signaux ------------------------------------------------------------

_espaces_par_modele: dict[str, set[str]] = {}


def invalider_sur_modification(espace: str, *modeles: str) -> None:
    """Tout enregistrement, suppression ou changement de relation d'un de ces modèles
    (``"app_label.modele"``) invalide ``espace`` — maintenant et de nouveau après le commit
    (une lecture concurrente a pu recalculer la valeur avec les anciennes données)."""
    for modele in modeles:
        _espaces_par_modele.setdefault(modele.lower(), set()).add(espace)
    post_save.connect(_modification, dispatch_uid="rameau-cache-enregistrement")
    post_delete.connect(_modification, dispatch_uid="rameau-cache-suppression")
    m2m_changed.connect(_modification, dispatch_uid="rameau-cache-relation")


def _espaces_touches(*classes) -> set[str]:
    touches: set[str] = set()
    for classe in classes:
        meta = getattr(classe, "_meta", None)
        if meta is not None:
            touches |= _espaces_par_modele.get(meta.label_lower, set())
    return touches


def _modification(sender, **kwargs) -> None:
    if "action" in kwargs:  # m2m_changed : ``sender`` est la table intermédiaire
        if not kwargs["action"].startswith("post_"):
            return
        espaces = _espaces_touches(type(kwargs["instance"]), kwargs.get("model"))
    else:
        espaces = _espaces_touches(sender)
    if not espaces:
        return
    invalider(*espaces)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: invalider(*espaces))


# --- 3. Pages publiques servies aux visiteurs anonymes -----------------------------------

MARQUEUR = b"@@jeton-csrf@@"
JETON = re.compile(
    rb'(?<=name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(?=")'
    rb'|(?<="X-CSRFToken": ")[A-Za-z0-9]{64}(?=")'
)
DUREE_PAGE = 60  # une minute : « à venir » devient « passé » sans attendre une modification
PAGES_CONNUES_MAX = 1024
# Ce que la chaîne de middlewares recalcule ou qui est propre à la réponse.
ENTETES_NON_GARDES = {"content-length", "set-cookie", "date"}

# Chemin demandé → (espaces, suffixe de clé) des pages que ce processus a déjà servies.
_pages_connues: OrderedDict[str, tuple[tuple[str, ...], str]] = OrderedDict()


def _sans_etat(request) -> bool:
    """Aucun cookie de session ni de message, pas htmx : un visiteur anonyme sans message."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def _anonyme_sans_etat(request) -> bool:
    if request.method != "GET" or "HTTP_HX_REQUEST" in request.META:
        return False
    if _sans_etat(request):
        return True  # sans cookie de session, personne n'est connecté : session non lue
    return not request.user.is_authenticated and len(messages.get_messages(request)) == 0


def _adresse(request) -> str:
    """L'hôte fait partie de la clé quand les liens suivent l'adresse servie (SITE_URL
    non configurée, voir ``rameau.site``) ; ``get_host`` refuse un hôte non autorisé."""
    hote = request.get_host()
    return "" if settings.SITE_URL_CONFIGUREE else hote


def suffixe_sans_parametre(request) -> str | None:
    """Clé par défaut d'une page publique : son chemin ; pas de cache avec des paramètres."""
    return None if request.GET else request.path


def page_publique(
    *espaces: str,
    duree: float = DUREE_PAGE,
    suffixe: Callable[..., str | None] = suffixe_sans_parametre,
):
    """Sert la vue depuis le cache aux visiteurs anonymes sans état.

    ``espaces`` : ce dont la page dépend (une invalidation la recalcule) ; ``suffixe`` :
    ``(request) -> str | None``, ce qui distingue la page (``None`` : pas de cache pour cette
    requête). Toute autre requête (connectée, message en attente, htmx, POST…) est rendue
    normalement. Sans ``Cache-Control`` posé par la vue, la réponse est
    ``private, no-cache`` : elle porte un jeton CSRF propre au visiteur.
    """

    def decorer(vue):
        @wraps(vue)
        def enveloppe(request, *args, **kwargs):
            page = _page(request, espaces, suffixe)
            if page is None:
                return _privee(vue(request, *args, **kwargs))
            cle_page, retenir = page
            entree = lire(cle_page)
            if entree is not None:
                retenir()
                reponse = _reponse_de_la_vue(entree, request)
                if entree["entetes"] is None and getattr(request, "_pages_publiques", False):
                    reponse.page_publique = (cle_page, entree)  # à compléter des en-têtes
                return reponse
            reponse = _privee(vue(request, *args, **kwargs))
            if _partageable(request, reponse):
                retenir()
                entree = _entree(reponse, echeance=time.time() + duree)
                if getattr(request, "_pages_publiques", False):
                    reponse.page_publique = (cle_page, entree)  # gardée par le middleware
                else:
                    ecrire(cle_page, entree, duree)
            return reponse

        return enveloppe

    return decorer


def _page(request, espaces: tuple[str, ...], suffixe: Callable):
    """(clé de la page, ``retenir()``) pour cette requête, ou ``None`` : rendu normal.

    ``retenir()`` signale la page au middleware (seulement une page servie ou gardée : une
    adresse inconnue, une 404, n'encombre pas la liste des pages connues).
    """
    if not _anonyme_sans_etat(request):
        return None
    try:
        partie = suffixe(request)
        adresse = _adresse(request)
    except DisallowedHost:
        return None
    if partie is None:
        return None
    suffixe_complet = f"page:{adresse}{partie}"
    cle_page = cle(espaces, suffixe_complet)
    if cle_page is None:
        return None
    chemin = f"{adresse}{request.get_full_path()}"
    return cle_page, lambda: _retenir(chemin, espaces, suffixe_complet)


def _privee(reponse):
    """Une page qui porte un jeton CSRF n'a rien à faire dans un cache partagé (proxy, CDN)."""
    if "Cache-Control" not in reponse:
        patch_cache_control(reponse, private=True, no_cache=True)
    return reponse


def _partageable(request, reponse) -> bool:
    """Une page complète, sans cookie ni session modifiée par la vue : la même pour tous."""
    session = getattr(request, "session", None)
    return (
        reponse.status_code == 200
        and not reponse.streaming
        and not reponse.cookies
        and not (session is not None and session.modified)
    )


def _retenir(chemin: str, espaces: tuple[str, ...], suffixe: str) -> None:
    with _verrou:
        _pages_connues[chemin] = (espaces, suffixe)
        _pages_connues.move_to_end(chemin)
        while len(_pages_connues) > PAGES_CONNUES_MAX:
            _pages_connues.popitem(last=False)


# Attributs de réponse que lisent les middlewares (CSP par réponse, encadrement autorisé).
ATTRIBUTS_GARDES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
    "xframe_options_exempt",
)


def _entree(reponse, *, echeance: float) -> dict:
    """La page telle que la vue l'a rendue, jeton CSRF remplacé par le marqueur."""
    contenu = JETON.sub(MARQUEUR, reponse.content)
    return {
        "echeance": echeance,
        "statut": reponse.status_code,
        "contenu": contenu,
        "csrf": MARQUEUR in contenu,
        "vue": list(reponse.items()),
        "attributs": {a: getattr(reponse, a) for a in ATTRIBUTS_GARDES if hasattr(reponse, a)},
        "entetes": None,  # ceux de la chaîne complète, ajoutés par le middleware
    }


def _contenu(entree: dict, request) -> bytes:
    if not entree["csrf"]:
        return entree["contenu"]
    return entree["contenu"].replace(MARQUEUR, jeton_csrf(request).encode())


_INDICES_CSRF = {c: i for i, c in enumerate(CSRF_ALLOWED_CHARS)}
_BASE_CSRF = len(CSRF_ALLOWED_CHARS)
_LIMITE_OCTET = 256 - 256 % _BASE_CSRF  # au-delà, un octet biaiserait le tirage


def _aleatoire_csrf(longueur: int) -> str:
    """Comme ``get_random_string(longueur, CSRF_ALLOWED_CHARS)`` : même alphabet, sans biais
    (octets au-delà du dernier multiple de 62 écartés), mais en un seul appel à
    ``os.urandom`` au lieu d'un tirage par caractère."""
    caracteres: list[str] = []
    while len(caracteres) < longueur:
        octets = os.urandom(longueur + 8)
        caracteres += [CSRF_ALLOWED_CHARS[o % _BASE_CSRF] for o in octets if o < _LIMITE_OCTET]
    return "".join(caracteres[:longueur])


def jeton_csrf(request) -> str:
    """Ce que fait ``django.middleware.csrf.get_token`` (secret du cookie, ou nouveau secret
    à poser dans le cookie ; jeton masqué neuf à chaque réponse contre BREACH), avec un tirage
    aléatoire plus rapide : c'est l'essentiel du coût d'une page servie depuis le cache."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = _aleatoire_csrf(CSRF_SECRET_LENGTH)
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    masque = _aleatoire_csrf(CSRF_SECRET_LENGTH)
    chiffre = "".join(
        CSRF_ALLOWED_CHARS[(_INDICES_CSRF[s] + _INDICES_CSRF[m]) % _BASE_CSRF]
        for s, m in zip(secret, masque, strict=True)
    )
    return masque + chiffre


def _reponse_de_la_vue(entree: dict, request) -> HttpResponse:
    """La réponse de la vue ; la suite de la chaîne y ajoute ses en-têtes."""
    reponse = HttpResponse(_contenu(entree, request), status=entree["statut"])
    for nom, valeur in entree["vue"]:
        reponse.headers[nom] = valeur
    for attribut, valeur in entree["attributs"].items():
        setattr(reponse, attribut, valeur)
    return reponse


class PagesPubliquesMiddleware:
    """Sert en tête de chaîne les pages publiques déjà en cache aux visiteurs sans état.

    À placer juste après ``SecurityMiddleware`` (redirection HTTPS, en-têtes de sécurité)
    et ``WhiteNoiseMiddleware``, avant les sessions. Une page déjà servie par ce processus
    (:func:`page_publique`) et toujours à jour (mêmes versions, non échue) est renvoyée avec
    les en-têtes que la chaîne complète avait produits (CSP, X-Frame-Options, Vary,
    Content-Language…), un jeton CSRF neuf et son cookie ; sinon la requête suit la chaîne
    normale et la page rendue est gardée avec ces en-têtes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        sans_etat = request.method == "GET" and _sans_etat(request)
        if sans_etat:
            reponse = self._depuis_le_cache(request)
            if reponse is not None:
                return reponse
            request._pages_publiques = True
        reponse = self.get_response(request)
        a_garder = getattr(reponse, "page_publique", None)
        if a_garder is not None:
            cle_page, entree = a_garder
            entetes = [(n, v) for n, v in reponse.items() if n.lower() not in ENTETES_NON_GARDES]
            # Même échéance qu'au premier rendu : compléter n'est pas prolonger.
            restant = entree["echeance"] - time.time()
            if restant > 0:
                ecrire(cle_page, {**entree, "entetes": entetes}, restant)
        return reponse

    def _depuis_le_cache(self, request) -> HttpResponse | None:
        try:
            chemin = _adresse(request) + request.get_full_path()
        except DisallowedHost:
            return None  # la chaîne normale répond 400
        connue = _pages_connues.get(chemin)
        if connue is None:
            return None
        entree = lire(cle(*connue))
        if entree is None or entree["entetes"] is None:
            return None
        if entree["csrf"] and settings.CSRF_USE_SESSIONS:
            return None  # le secret vit dans la session : chaîne complète
        if entree["csrf"]:
            self.csrf.process_request(request)
        contenu = _contenu(entree, request)
        reponse = HttpResponse(contenu, status=entree["statut"])
        for nom, valeur in entree["entetes"]:
            reponse.headers[nom] = valeur
        reponse.headers["Content-Length"] = str(len(contenu))
        if entree["csrf"]:
            self.csrf.process_response(request, reponse)
        return reponse
