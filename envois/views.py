"""Pages des liens personnels des listes : confirmer, se désabonner, préférences."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import listes, selectors
from .enums import MotifSuppression


def _abonnement(jeton: str):
    abonnement = selectors.abonnement_par_jeton(jeton)
    if abonnement is None:
        raise Http404(_("Ce lien n'est pas valide."))
    return abonnement


@require_http_methods(["GET", "POST"])
def confirmer(request, jeton):
    """Le lien du courriel affiche un bouton : seul le POST confirme (les analyseurs de liens
    des messageries ouvrent les liens sans qu'une personne l'ait voulu)."""
    abonnement = _abonnement(jeton)
    if request.method == "POST":
        listes.abonnement_confirmer(abonnement=abonnement)
        messages.success(request, _("Votre abonnement est confirmé. À bientôt !"))
        return redirect("envois:confirmer", jeton=jeton)
    return render(
        request,
        "envois/abonnement.html",
        {"abonnement": abonnement, "lien_preferences": listes.lien_preferences(abonnement.email)},
    )


@csrf_exempt  # RFC 8058 : la messagerie poste sans cookie ni jeton CSRF ; le jeton fait foi.
@require_http_methods(["GET", "POST"])
def desabonner(request, jeton):
    abonnement = _abonnement(jeton)
    if request.method == "POST":
        listes.abonnement_resilier(abonnement=abonnement)
        messages.success(
            request, _("Vous ne recevrez plus « %(liste)s ».") % {"liste": abonnement.liste.nom}
        )
    return render(
        request,
        "envois/abonnement.html",
        {"abonnement": abonnement, "lien_preferences": listes.lien_preferences(abonnement.email)},
    )


@require_http_methods(["GET", "POST"])
def preferences(request, jeton):
    email = listes.email_des_preferences(jeton)
    if email is None:
        raise Http404(_("Ce lien n'est pas valide."))
    if request.method == "POST":
        if "tout" in request.POST:
            listes.suppression_ajouter(email=email, motif=MotifSuppression.DESABONNEMENT)
            messages.success(
                request,
                _(
                    "C'est noté : vous ne recevrez plus que les e-mails liés à ce que vous "
                    "demandez vous-même (inscriptions, confirmations)."
                ),
            )
        else:
            listes.preferences_enregistrer(
                email=email, codes_listes=set(request.POST.getlist("listes"))
            )
            messages.success(request, _("Vos préférences sont enregistrées."))
        return redirect("envois:preferences", jeton=jeton)
    return render(
        request,
        "envois/preferences.html",
        {
            "email": email,
            "choix": selectors.preferences(email),
            "supprime": (selectors.est_supprimee(email)),
        },
    )
