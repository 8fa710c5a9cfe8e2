"""« Mes parcours » dans Mon espace : chaque parcours suivi et sa progression."""

from programme.extensions import section_espace

from . import selectors


@section_espace
def mes_parcours(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    parcours = selectors.parcours_de(request.user)
    if not parcours:
        return None
    return {"gabarit": "accompagnement/fragments/espace.html", "parcours": parcours}
