"""Blocs ajoutés aux pages de ``programme`` (points d'extension)."""

from programme.extensions import section_espace

from . import selectors


@section_espace
def mes_diagnostics(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    return {
        "gabarit": "autodiagnostic/espace.html",
        "diagnostics": list(selectors.diagnostics_de(request.user)[:50]),
        "a_rattacher": list(selectors.diagnostics_a_rattacher(request.user)[:20]),
    }
