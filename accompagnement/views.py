from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from agenda import selectors as agenda_selectors
from agenda import services as agenda
from agenda.forms import InscriptionForm
from programme.enums import Public
from rameau import limites
from rameau.cache import CONTENU, page_publique

from . import selectors
from .enums import PUBLICS
from .forms import FiltreForm


@require_GET
@page_publique(*CONTENU, "inscriptions")  # places restantes
def liste(request):
    """Les ateliers, sessions de co-développement et parcours à venir, filtrés par public."""
    filtre = FiltreForm(request.GET or None)
    public = filtre.cleaned_data["public"] if filtre.is_valid() else ""
    return render(
        request,
        "accompagnement/liste.html",
        {
            "filtre": filtre if filtre.is_bound else FiltreForm(),
            "public": public,
            "publics": PUBLICS,
            "sessions": selectors.sessions_a_venir(public=public or None),
        },
    )


def formulaire_initial(request, *, profil: str = "", organisation: str = "") -> InscriptionForm:
    """Le formulaire d'inscription, prérempli pour une personne connectée."""
    initial = {"profil": profil or None, "organisation": organisation}
    if request.user.is_authenticated:
        initial.update(nom=request.user.nom, email=request.user.email)
    return InscriptionForm(initial={k: v for k, v in initial.items() if v})


@require_http_methods(["GET", "POST"])
@page_publique(*CONTENU, "inscriptions")  # GET anonyme seulement ; places restantes
def session(request, format, pk):
    objet = selectors.session_detail(pk)
    if objet is None or objet.format.slug != format:
        raise Http404(_("Cette session n'existe pas."))
    contexte = {
        "session": objet,
        "etapes": list(objet.etapes.all()),
        "places": selectors.places_restantes(objet),
        "publics": [Public(code).label for code in objet.publics],
        "form": formulaire_initial(request),
        "deja": None,
    }
    if request.user.is_authenticated:
        contexte["deja"] = agenda_selectors.inscription_existante(
            session=objet, email=request.user.email
        )
    if request.method == "GET":
        return render(request, "accompagnement/session.html", contexte)

    form = InscriptionForm(request.POST)
    contexte["form"] = form
    if not form.is_valid():
        return render(request, "accompagnement/session.html", contexte, status=400)
    donnees = {k: v for k, v in form.cleaned_data.items() if k != "relais"}
    if not limites.autorise(request, action=limites.INSCRIPTION, email=donnees["email"]):
        contexte["erreur"] = str(limites.MESSAGE)
        return render(request, "accompagnement/session.html", contexte, status=limites.STATUT)
    try:
        resultat = agenda.inscription_creer(
            session=objet,
            utilisateur=request.user if request.user.is_authenticated else None,
            **donnees,
        )
    except agenda.InscriptionImpossible as exc:
        contexte["erreur"] = str(exc)
        return render(request, "accompagnement/session.html", contexte, status=409)
    if not resultat.nouvelle:
        message = _("Vous êtes déjà inscrit·e avec cette adresse : rien n'a été dupliqué.")
    elif resultat.en_attente:
        message = _(
            "C'est complet : vous êtes sur la liste d'attente. Dès qu'une place se libère, "
            "elle vous est attribuée et nous vous écrivons aussitôt."
        )
    else:
        message = _("Votre inscription est confirmée. Un e-mail de confirmation vous a été envoyé.")
    messages.success(request, message)
    return redirect(resultat.inscription.get_absolute_url())
