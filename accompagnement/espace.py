"""Blocs fournis à ``programme`` : « Mes parcours » (Mon espace), l'actualité datée du
pilier 4 (la prochaine session d'accompagnement) et, sur les pages des formats Ateliers,
Sessions de co-développement et Parcours, le lien vers leurs sessions par public."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from programme.extensions import actualite_pilier, section_espace, section_format

from . import selectors
from .enums import FORMATS, PUBLICS


@section_espace
def mes_parcours(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    parcours = selectors.parcours_de(request.user)
    if not parcours:
        return None
    return {"gabarit": "accompagnement/fragments/espace.html", "parcours": parcours}


@actualite_pilier(4)
def prochaine_session() -> str | None:
    """« Prochaine session : Atelier …, le 12 janvier 2027. »"""
    session = selectors.session_suivante()
    if session is None:
        return None
    return _("Prochaine session : %(titre)s, le %(date)s.") % {
        "titre": session.titre,
        "date": formats.date_format(timezone.localtime(session.debut), "j F Y"),
    }


@section_format
def sessions_par_public(request, format_) -> dict | None:
    if format_.slug not in FORMATS:
        return None
    return {"gabarit": "accompagnement/fragments/format.html", "publics": PUBLICS}
