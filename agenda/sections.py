"""Blocs fournis à ``programme`` : « Mes inscriptions » (Mon espace) et les prochaines
sessions sur la page d'un format."""

from programme.extensions import section_espace, section_format

from . import registre, selectors


@section_espace
def mes_inscriptions(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    inscriptions = list(selectors.inscriptions_de(request.user))
    fiches = registre.fiches(i.session for i in inscriptions)
    for inscription in inscriptions:
        inscription.fiche = fiches[inscription.session_id]
    return {"gabarit": "agenda/fragments/espace.html", "inscriptions": inscriptions}


@section_format
def prochaines_sessions(request, format_) -> dict | None:
    sessions = list(selectors.sessions_a_venir(format=format_))
    if not sessions:
        return None
    # Le bouton « S'inscrire » mène au lien externe ou à la page de la session (un webinaire) ;
    # sans l'un ni l'autre, il n'y en a pas (la session est décrite ici même).
    ici = f"{format_.get_absolute_url()}#sessions"
    fiches = registre.fiches(sessions)
    for session in sessions:
        url = fiches[session.pk].url
        session.lien = "" if url == ici else url
    return {"gabarit": "agenda/fragments/format.html", "sessions": sessions, "format": format_}
