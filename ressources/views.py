from collections.abc import Callable

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from programme import selectors as programme_selectors
from rameau import site
from rameau.cache import CONTENU, page_publique

from . import biblio, selectors, services, travaux
from .enums import GenreFiche
from .forms import FiltresTravauxForm
from .models import FichePDF

GABARIT_GENERIQUE = "ressources/fiche/generique.html"
CLE_GENERIQUE = "generique"


@page_publique(*CONTENU)
def liste(request):
    return render(
        request,
        "ressources/liste.html",
        {"categories": selectors.ressources_par_categorie(avec_modeles=True)},
    )


def _servir(fichier, nom_fichier: str) -> FileResponse:
    reponse = FileResponse(fichier, content_type="application/pdf", filename=nom_fichier)
    # Le contenu peut changer à la prochaine édition : le navigateur revalide toujours.
    reponse["Cache-Control"] = "private, no-cache"
    return reponse


def reponse_fiche(
    request,
    *,
    genre: str,
    cle: str,
    demander: Callable[[], FichePDF],
    nom_fichier: str,
    titre: str,
    url_retour: str = "",
) -> HttpResponse:
    """Sert le PDF s'il est prêt, sinon la page (ou le fragment htmx) « en préparation ».

    Utilisée par la fiche générique et par la fiche personnalisée de l'autodiagnostic.
    ``demander`` calcule le contexte et réclame la fiche (``services.fiche_demander``) ; un
    téléchargement répété s'en passe grâce au raccourci mémorisé. Aucune requête ne rend de
    PDF : le rendu est l'affaire de la tâche Celery.
    """
    if request.method in ("GET", "HEAD") and not request.htmx:
        nom = services.fiche_prete_memorisee(genre=genre, cle=cle)
        if nom is not None:
            try:
                return _servir(default_storage.open(nom, "rb"), nom_fichier)
            except FileNotFoundError:
                pass  # fichier supprimé entre-temps : chemin normal
    version = services.version_contenu()
    fiche = demander()
    services.fiche_prete_memoriser(fiche=fiche, version=version)
    if request.method == "POST":
        fiche = services.fiche_relancer(fiche=fiche)
        if not request.htmx:
            return redirect(request.path)
    contexte = {
        "fiche": fiche,
        "titre": titre,
        "url_fiche": request.path,
        "url_etat": request.get_full_path(),
        # Sur la page de résultat, le bouton de téléchargement est déjà affiché au-dessus.
        "compact": request.GET.get("etat") == "compact",
        "url_retour": url_retour,
    }
    if request.htmx:
        return render(request, "ressources/fragments/fiche_etat.html", contexte)
    if fiche.prete:
        return _servir(fiche.fichier.open("rb"), nom_fichier)
    return render(request, "ressources/fiche_attente.html", contexte)


def demander_fiche_generique() -> FichePDF:
    return services.fiche_demander(
        genre=GenreFiche.GENERIQUE,
        cle=CLE_GENERIQUE,
        gabarit=GABARIT_GENERIQUE,
        contexte=selectors.contexte_fiche_generique(site_url=site.adresse()),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def fiche_repere(request):
    return reponse_fiche(
        request,
        genre=GenreFiche.GENERIQUE,
        cle=CLE_GENERIQUE,
        demander=demander_fiche_generique,
        nom_fichier="fiche-repere-modeles-socio-economiques.pdf",
        titre=_("Fiche repère « modèles socio-économiques d'intérêt général »"),
        url_retour=reverse("ressources:liste"),
    )


# --- Travaux académiques --------------------------------------------------------------------

TRAVAUX_PAR_PAGE = 25


def _formulaire_filtres(request) -> FiltresTravauxForm:
    return FiltresTravauxForm(
        request.GET or None,
        annees=selectors.annees_des_travaux(),
        programmes=programme_selectors.programmes_recherche(),
        modeles=programme_selectors.modeles(),
    )


@require_safe
@page_publique(*CONTENU)
def travaux_liste(request):
    form = _formulaire_filtres(request)
    filtres = form.filtres()
    page = Paginator(selectors.travaux_filtres(**filtres), TRAVAUX_PAR_PAGE).get_page(
        request.GET.get("page")
    )
    parametres = request.GET.copy()
    parametres.pop("page", None)
    return render(
        request,
        "ressources/travaux.html",
        {
            "form": form,
            "page": page,
            "travaux": page.object_list,
            "parametres": parametres.urlencode(),
            "filtre_actif": any(filtres.values()),
        },
    )


@require_safe
@page_publique(*CONTENU)
def travail_detail(request, pk):
    travail = selectors.travail_publie(pk)
    if travail is None:
        raise Http404(_("Ce travail n'existe pas ou n'est pas publié."))
    return render(
        request,
        "ressources/travail.html",
        {
            "travail": travail,
            "citation": biblio.citation(travail.csl),
            "citation_texte": biblio.citation(travail.csl, html=False),
            "auteurs": travail.csl.get("author", []),
        },
    )


def reponse_export(travaux_a_exporter, *, format_: str, nom: str) -> HttpResponse:
    type_mime, extension = travaux.FORMATS_EXPORT[format_]
    reponse = HttpResponse(
        travaux.exporter(travaux=travaux_a_exporter, format_=format_), content_type=type_mime
    )
    reponse["Content-Disposition"] = f'attachment; filename="{nom}.{extension}"'
    return reponse


def travaux_export(request, format_):
    filtres = _formulaire_filtres(request).filtres()
    return reponse_export(
        selectors.travaux_filtres(**filtres), format_=format_, nom="travaux-academiques"
    )


def travail_export(request, pk, format_):
    travail = selectors.travail_publie(pk)
    if travail is None:
        raise Http404(_("Ce travail n'existe pas ou n'est pas publié."))
    return reponse_export([travail], format_=format_, nom=f"travail-{travail.pk}")
