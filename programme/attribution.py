"""Attribution au premier contact : d'où vient une visite, et ce qu'elle a apporté.

Le premier ``?relais=`` d'une visite (sinon ``utm_source``, sinon l'hôte du site d'où l'on
arrive quand il est extérieur) est gardé dans la session, et seulement là (aucun cookie tiers,
rien d'autre que la session). Les inscriptions, diagnostics, abonnements et comptes créés
pendant la visite le reprennent (champ ``origine``) ; chaque premier contact compte une
:class:`~programme.models.Visite`.

Les pages publiques anonymes sont servies depuis un cache (``rameau.cache``) avant même
la lecture de la session : :class:`AttributionMiddleware` se place donc *avant* ce cache. Il
n'écrit la session que si la requête porte un de ces signaux (et que la session n'a pas déjà
une origine) ; il passe alors à la suite de la chaîne le cookie de la session qu'il vient de
créer, ce qui la rend « avec état » : cette requête-là est rendue normalement, les autres
restent servies depuis le cache.

Registre : chaque application qui crée quelque chose d'attribuable enregistre un
« compteur » (:func:`compteur`) ; la page d'impact d'un partenaire et le tableau de l'équipe
les lisent sans importer ces applications.
"""

import contextlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from importlib import import_module
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

CLE_SESSION = "relais_origine"
PARAMETRES = ("relais", "utm_source")
LONGUEUR = 100
_INTERDITS = re.compile(r"[^a-z0-9._-]+")


def nettoyer(valeur: str) -> str:
    """Un code d'origine sûr : minuscules, lettres, chiffres, « . », « _ », « - »."""
    return _INTERDITS.sub("-", str(valeur).strip().lower()).strip("-.")[:LONGUEUR]


def _hotes_internes(request) -> set[str]:
    from rameau import site

    hotes = {h.lstrip(".").lower() for h in settings.ALLOWED_HOSTS if h not in ("*",)}
    hote_site = urlsplit(site.adresse()).hostname
    if hote_site:
        hotes.add(hote_site.lower())
    with contextlib.suppress(DisallowedHost):
        hotes.add(request.get_host().split(":")[0].lower())
    return hotes


def origine_de_la_requete(request) -> str:
    """Le signal d'origine porté par cette requête, ``""`` s'il n'y en a pas."""
    for parametre in PARAMETRES:
        valeur = request.GET.get(parametre, "")
        if valeur and "\x00" not in valeur:
            code = nettoyer(valeur)
            if code:
                return code
    referent = request.META.get("HTTP_REFERER", "")
    if not referent or "\x00" in referent:
        return ""
    try:
        hote = (urlsplit(referent).hostname or "").lower()
    except ValueError:
        return ""
    if not hote or hote in _hotes_internes(request):
        return ""
    return nettoyer(hote)


def origine(request) -> str:
    """L'origine de la visite en cours (``""`` si aucune) ; à passer aux services."""
    session = getattr(request, "session", None)
    if session is None:
        return ""
    return str(session.get(CLE_SESSION, ""))[:LONGUEUR]


def _magasin():
    return import_module(settings.SESSION_ENGINE).SessionStore


def premier_contact(request, code: str) -> str | None:
    """Garde ``code`` dans la session si elle n'a pas encore d'origine et compte une visite.

    Renvoie la clé de la session quand elle vient d'être créée (le cookie est à poser)."""
    from .models import Visite

    nom = settings.SESSION_COOKIE_NAME
    cle = request.COOKIES.get(nom) or None
    if cle and "\x00" in cle:
        cle = None
    session = _magasin()(session_key=cle)
    if session.get(CLE_SESSION):
        return None
    session[CLE_SESSION] = code
    session.save()
    Visite.objects.create(origine=code)
    # La suite de la chaîne (SessionMiddleware, cache des pages) voit cette session.
    request.COOKIES[nom] = session.session_key
    return session.session_key if session.session_key != cle else None


def _poser_cookie(request, reponse, cle: str) -> None:
    if settings.SESSION_COOKIE_NAME in reponse.cookies:
        return  # la chaîne a posé le sien (connexion, rotation de la clé)
    session = _magasin()(session_key=cle)
    duree = None if session.get_expire_at_browser_close() else session.get_expiry_age()
    reponse.set_cookie(
        settings.SESSION_COOKIE_NAME,
        cle,
        max_age=duree,
        domain=settings.SESSION_COOKIE_DOMAIN,
        path=settings.SESSION_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE or None,
        httponly=settings.SESSION_COOKIE_HTTPONLY or None,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )
    patch_vary_headers(reponse, ("Cookie",))


class AttributionMiddleware:
    """Retient l'origine d'une visite à son premier contact ; à placer avant le cache des
    pages publiques (``rameau.cache.PagesPubliquesMiddleware``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cle = None
        if request.method in ("GET", "HEAD"):
            code = origine_de_la_requete(request)
            if code:
                try:
                    cle = premier_contact(request, code)
                except DatabaseError:
                    logger.warning("Origine de la visite non enregistrée (base injoignable).")
        reponse = self.get_response(request)
        if cle:
            _poser_cookie(request, reponse, cle)
        return reponse


# --- Registre des compteurs -----------------------------------------------------------------


@dataclass(frozen=True)
class Compteur:
    """Ce qu'une application sait compter par origine et par mois (une requête)."""

    code: str
    libelle: Any
    # (origines, depuis) -> [(origine, mois, nombre)]
    compter: Callable[[list[str], datetime], list[tuple[str, date, int]]]
    ordre: int = 100


COMPTEURS: dict[str, Compteur] = {}


def compteur(**kwargs) -> Compteur:
    objet = Compteur(**kwargs)
    COMPTEURS[objet.code] = objet
    return objet


def compteurs() -> list[Compteur]:
    return sorted(COMPTEURS.values(), key=lambda c: (c.ordre, c.code))


def compter_par_mois(
    queryset, *, champ_date: str, origines: Iterable[str] | None, depuis: datetime
) -> list[tuple[str, date, int]]:
    """(origine, premier jour du mois, nombre) d'un ``queryset`` qui a un champ ``origine``.

    ``origines=None`` : toutes les origines non vides."""
    qs = queryset.filter(**{f"{champ_date}__gte": depuis}).exclude(origine="")
    if origines is not None:
        qs = qs.filter(origine__in=list(origines))
    lignes = (
        qs.annotate(mois=TruncMonth(champ_date))
        .values_list("origine", "mois")
        .annotate(n=Count("pk"))
        .order_by()
    )
    resultat = []
    for code, mois, nombre in lignes:
        jour = mois.date() if isinstance(mois, datetime) else mois
        resultat.append((code, jour, nombre))
    return resultat


def _compter_visites(origines, depuis):
    from .models import Visite

    return compter_par_mois(
        Visite.objects.all(), champ_date="cree_le", origines=origines, depuis=depuis
    )


def _compter_comptes(origines, depuis):
    from .models import Utilisateur

    return compter_par_mois(
        Utilisateur.objects.all(), champ_date="date_joined", origines=origines, depuis=depuis
    )


def _compter_abonnements(origines, depuis):
    from envois.enums import StatutAbonnement
    from envois.models import Abonnement

    return compter_par_mois(
        Abonnement.objects.filter(statut=StatutAbonnement.CONFIRME),
        champ_date="cree_le",
        origines=origines,
        depuis=depuis,
    )


def _enregistrer_compteurs_de_base() -> None:
    from django.utils.translation import gettext_lazy as _

    compteur(code="visites", libelle=_("Visites"), compter=_compter_visites, ordre=10)
    # « envois » est sous « programme » : ses abonnements sont comptés d'ici.
    compteur(code="abonnements", libelle=_("Abonnements"), compter=_compter_abonnements, ordre=40)
    compteur(code="comptes", libelle=_("Comptes créés"), compter=_compter_comptes, ordre=50)


_enregistrer_compteurs_de_base()


def _compte_cree(sender, request=None, user=None, **kwargs) -> None:
    """Un compte créé pendant la visite garde son origine."""
    code = origine(request) if request is not None else ""
    if code and user is not None and not user.origine:
        type(user).objects.filter(pk=user.pk).update(origine=code)
        user.origine = code


def connecter() -> None:
    from allauth.account.signals import user_signed_up

    user_signed_up.connect(_compte_cree, dispatch_uid="programme_attribution_compte")
