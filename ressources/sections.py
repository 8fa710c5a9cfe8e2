"""Bloc fourni à ``programme`` : le socle de connaissance et la fiche repère (accueil)."""

from programme.extensions import section_accueil


@section_accueil
def fiche_repere(request) -> dict:
    return {"gabarit": "ressources/fragments/accueil.html"}
