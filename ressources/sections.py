"""Blocs fournis à ``programme`` : le socle de connaissance et la fiche repère (accueil), les
travaux académiques sur la page du format « Contenus académiques »."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programme.extensions import occasion_format, section_accueil, section_format

from . import selectors

FORMAT_ACADEMIQUE = "contenus-academiques"
TRAVAUX_SUR_LA_PAGE = 10


@section_accueil
def fiche_repere(request) -> dict:
    return {"gabarit": "ressources/fragments/accueil.html"}


@section_format
def travaux_du_format(request, format_) -> dict | None:
    """Les travaux académiques les plus récents, sur la page « Contenus académiques »
    (une requête ; les autres formats n'ont pas ce bloc)."""
    if format_.slug != FORMAT_ACADEMIQUE:
        return None
    travaux = list(selectors.travaux_recents(limite=TRAVAUX_SUR_LA_PAGE + 1))
    return {
        "gabarit": "ressources/fragments/travaux_format.html",
        "travaux": travaux[:TRAVAUX_SUR_LA_PAGE],
        "encore": len(travaux) > TRAVAUX_SUR_LA_PAGE,
        "url_liste": reverse("ressources:travaux"),
    }


@occasion_format(FORMAT_ACADEMIQUE)
def travaux_academiques() -> dict:
    return {
        "titre": str(_("Les travaux académiques du programme")),
        "url": reverse("ressources:travaux"),
    }
