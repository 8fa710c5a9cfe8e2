"""Pages intégrables par les partenaires : légères, en lecture seule, mises en cache.

Chaque réponse n'est encadrable que par les origines listées sur le partenaire
(``frame-ancestors``), sans ``X-Frame-Options`` ; toutes les autres pages gardent ``DENY``.
"""

from functools import lru_cache
from pathlib import Path

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from rameau import site
from rameau.cache import page_publique

from . import embed, selectors
from .models import Webinaire


def _page(request, *, slug: str | None):
    code = request.GET.get("partenaire", "")[:50]
    entree = embed.page_en_cache(code=code, slug=slug, construire=_construire)
    if entree is None:
        raise Http404("Ce webinaire n'existe pas.")
    contenu, origines = entree
    reponse = HttpResponse(contenu)
    reponse._csp_replace = {"frame-ancestors": origines or ["'none'"]}
    reponse["Cache-Control"] = f"public, max-age={embed.DUREE_CACHE}"
    return reponse


def _construire(*, code: str, slug: str | None):
    """Rend la page (sans session ni jeton CSRF : elle est partagée entre visiteurs)."""
    partenaire = embed.partenaire(code)
    relais = partenaire.code if partenaire else ""
    contexte = {"relais": relais, "partenaire": partenaire, "SITE_URL": site.adresse()}
    if slug is None:
        contexte.update(
            cycle=selectors.cycle_courant(),
            # Page légère : les six prochains et les deux derniers replays ; le reste du cycle
            # est à un clic (« Tout le cycle sur la plateforme »).
            a_venir=list(selectors.a_venir()[:6]),
            passes=list(selectors.passes()[:2]),
        )
        gabarit = "webinaires/embed/liste.html"
    else:
        try:
            contexte["webinaire"] = selectors.detail(slug)
        except Webinaire.DoesNotExist:
            return None
        gabarit = "webinaires/embed/detail.html"
    return render_to_string(gabarit, contexte), embed.origines(partenaire)


# Page entière servie depuis le cache partagé pour un partenaire connu (ou sans partenaire).
publique = page_publique(*embed.ESPACES, duree=embed.DUREE_CACHE, suffixe=embed.suffixe_page)


@require_GET
@xframe_options_exempt
@publique
def liste(request):
    return _page(request, slug=None)


@require_GET
@xframe_options_exempt
@publique
def detail(request, slug):
    return _page(request, slug=slug)


@lru_cache(maxsize=1)
def _widget() -> bytes:
    return (Path(__file__).parent / "widget.js").read_bytes()


@require_GET
def widget(request):
    """Script que le partenaire colle sur son site ; il insère l'iframe et la redimensionne."""
    reponse = HttpResponse(_widget(), content_type="text/javascript; charset=utf-8")
    reponse["Cache-Control"] = "public, max-age=3600"
    reponse["Access-Control-Allow-Origin"] = "*"
    return reponse
