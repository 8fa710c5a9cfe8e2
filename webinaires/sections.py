"""Blocs fournis à ``programme`` : « Prochain webinaire » (accueil), actualité du pilier 1.

« Mes inscriptions » (toutes les sessions, webinaires compris) est fourni par ``agenda``.
"""

from django.utils.translation import gettext as _

from programme.extensions import actualite_pilier, section_accueil

from . import dates, selectors


@actualite_pilier(1)
def cycle_en_cours() -> str | None:
    """« Cycle 2026-2027 : d'octobre 2026 à juin 2027. » — tiré du cycle en cours."""
    cycle = selectors.cycle_courant()
    if cycle is None:
        return None
    return _("%(cycle)s : %(de_debut)s %(a_fin)s.") % {
        "cycle": cycle.titre,
        "de_debut": dates.de_mois(cycle.debut),
        "a_fin": dates.a_mois(cycle.fin),
    }


@section_accueil
def prochain_webinaire(request) -> dict | None:
    webinaire = selectors.prochain_webinaire()
    if webinaire is None:
        return None
    return {"gabarit": "webinaires/fragments/accueil.html", "webinaire": webinaire}
