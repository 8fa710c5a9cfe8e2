from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .enums import GenreFiche
from .models import FichePDF

GABARIT_GENERIQUE = "ressources/fiche/generique.html"


def liste(request):
    return render(
        request,
        "ressources/liste.html",
        {"categories": selectors.ressources_par_categorie()},
    )


def reponse_fiche(
    request, *, fiche: FichePDF, nom_fichier: str, titre: str, url_retour: str = ""
) -> HttpResponse:
    """Sert le PDF s'il est prêt, sinon la page (ou le fragment htmx) « en préparation ».

    Utilisée par la fiche générique et par la fiche personnalisée de l'autodiagnostic. Aucune
    requête ne rend de PDF : le rendu est l'affaire de la tâche Celery.
    """
    if request.method == "POST":
        fiche = services.relancer_fiche(fiche=fiche)
        if not request.htmx:
            return redirect(request.path)
    contexte = {
        "fiche": fiche,
        "titre": titre,
        "url_fiche": request.path,
        "url_retour": url_retour,
    }
    if request.htmx:
        return render(request, "ressources/fragments/fiche_etat.html", contexte)
    if fiche.prete:
        reponse = FileResponse(
            fiche.fichier.open("rb"), content_type="application/pdf", filename=nom_fichier
        )
        reponse["Cache-Control"] = "private, no-cache"
        return reponse
    return render(request, "ressources/fiche_attente.html", contexte)


@require_http_methods(["GET", "HEAD", "POST"])
def fiche_repere(request):
    fiche = services.demander_fiche(
        genre=GenreFiche.GENERIQUE,
        cle=GenreFiche.GENERIQUE.value,
        gabarit=GABARIT_GENERIQUE,
        contexte=selectors.contexte_fiche_generique(site_url=settings.SITE_URL),
    )
    return reponse_fiche(
        request,
        fiche=fiche,
        nom_fichier="fiche-repere-modeles-socio-economiques.pdf",
        titre=_("Fiche repère « modèles socio-économiques d'intérêt général »"),
        url_retour=reverse("ressources:liste"),
    )
