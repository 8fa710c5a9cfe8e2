"""Blocs fournis à ``programme`` : « Prochain webinaire » (accueil), « Mes inscriptions »."""

from programme.extensions import section_accueil, section_espace

from . import selectors


@section_accueil
def prochain_webinaire(request) -> dict | None:
    webinaire = selectors.prochain_webinaire()
    if webinaire is None:
        return None
    return {"gabarit": "webinaires/fragments/accueil.html", "webinaire": webinaire}


@section_espace
def mes_inscriptions(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    return {
        "gabarit": "webinaires/fragments/espace.html",
        "inscriptions": list(selectors.inscriptions_de(request.user)),
    }
