"""Blocs fournis à ``programme`` : « Mes attestations et certificats » (Mon espace) et les
modules de formation sur la page du format « Modules de formation AFF »."""

from programme.extensions import section_espace, section_format

from . import selectors
from .enums import FORMAT


@section_espace
def mes_attestations(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    attestations = selectors.attestations_de(request.user)
    if not attestations:
        return None
    return {"gabarit": "formations/fragments/espace.html", "attestations": attestations}


@section_format
def modules_du_format(request, format_) -> dict | None:
    if format_.slug != FORMAT:
        return None
    return {"gabarit": "formations/fragments/format.html", "modules": selectors.modules_du_format()}
