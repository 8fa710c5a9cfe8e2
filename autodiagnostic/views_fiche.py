"""Vue de la fiche repère personnalisée : le PDF s'il est prêt, sinon son état."""

from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ressources.enums import GenreFiche
from ressources.views import reponse_fiche

from . import fiche as fiches
from . import presentation, selectors
from .views import acces_requis, diagnostic_du_lien


@require_http_methods(["GET", "HEAD", "POST"])
@acces_requis
def fiche(request, jeton):
    diagnostic = diagnostic_du_lien(request, jeton)
    if not diagnostic.termine_le:
        raise Http404

    def demander():
        resultat = selectors.resultat_de(diagnostic)
        if resultat is None:
            raise Http404
        contexte = presentation.contexte_resultat(
            resultat=presentation.resultat_moteur(resultat),
            organisation_nom=diagnostic.organisation_nom,
            date=timezone.localtime(resultat.calcule_le),
        )
        return fiches.demander(jeton=diagnostic.jeton, contexte=contexte)

    nom = slugify(diagnostic.organisation_nom)[:60] or "diagnostic"
    return reponse_fiche(
        request,
        genre=GenreFiche.DIAGNOSTIC,
        cle=diagnostic.jeton,
        demander=demander,
        nom_fichier=f"fiche-repere-{nom}.pdf",
        titre=_("Votre fiche repère personnalisée"),
        url_retour=diagnostic.get_resultat_url(),
    )
