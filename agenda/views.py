from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from programme import selectors as formats

from . import ical, registre, selectors, services


def _reponse_ics(contenu: bytes, *, nom_fichier: str, piece_jointe: bool = False) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if piece_jointe else "inline"
    reponse["Content-Disposition"] = f'{disposition}; filename="{nom_fichier}"'
    return reponse


@require_http_methods(["GET", "POST"])
def inscription(request, jeton):
    """La page du lien personnel : l'état de l'inscription, l'agenda, l'annulation."""
    objet = selectors.inscription_par_jeton(jeton)
    if objet is None:
        raise Http404(_("Cette inscription n'existe pas."))
    if request.method == "POST":
        services.inscription_annuler(jeton=objet.jeton)
        messages.success(request, _("Votre inscription est annulée. Merci de nous avoir prévenus."))
        return redirect(request.path)
    session = objet.session
    return render(
        request,
        "agenda/inscription.html",
        {
            "inscription": objet,
            "session": session,
            "fiche": registre.fiches([session])[session.pk],
            "progression": selectors.parcours_progression(inscription=objet),
        },
    )


@require_GET
def ics_session(request, pk):
    session = selectors.session_visible(pk)
    if session is None:
        raise Http404(_("Cette session n'existe pas."))
    return _reponse_ics(
        ical.calendrier(selectors.sessions_du_calendrier(session)),
        nom_fichier=f"session-{session.pk}.ics",
        piece_jointe=True,
    )


@require_GET
def ics_format(request, slug):
    """Le flux d'un format (``/agenda/ateliers.ics``) : ses sessions des douze derniers mois
    et à venir, annulées comprises (STATUS:CANCELLED)."""
    format_ = formats.format_par_slug(slug)
    if format_ is None:
        raise Http404(_("Ce format n'existe pas."))
    contenu = ical.calendrier(
        selectors.pour_calendrier(format=format_), nom=f"{format_.nom} — Le RAMEAU"
    )
    return _reponse_ics(contenu, nom_fichier=f"{format_.slug}.ics")


@require_GET
def ics_inscrit(request, jeton):
    """Le flux personnel d'une personne inscrite : toutes ses sessions, lien de connexion
    compris (le jeton est secret, comme le lien d'annulation)."""
    sessions = selectors.sessions_de_l_inscrit(jeton=jeton)
    if sessions is None:
        raise Http404(_("Cette inscription n'existe pas."))
    contenu = ical.calendrier(sessions, nom=_("Mes rendez-vous Le RAMEAU"), avec_lien_visio=True)
    return _reponse_ics(contenu, nom_fichier="mes-rendez-vous.ics")
