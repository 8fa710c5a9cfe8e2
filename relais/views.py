"""Pages publiques des relais : la lettre (archive, numéro, abonnement), le kit d'un canal et
la page d'impact d'un partenaire (lien secret)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from envois.enums import StatutAbonnement
from programme import attribution
from rameau import limites
from rameau.cache import page_publique

from . import kits, lettre, selectors, services
from .forms import AbonnementLettreForm

ESPACES = ("relais", "programme", "webinaires")


def _archive(request, form, *, status=200):
    return render(
        request,
        "relais/lettre/archive.html",
        {"numeros": list(selectors.numeros_publies()), "form": form},
        status=status,
    )


@require_GET
@page_publique(*ESPACES)
def archive(request):
    return _archive(request, AbonnementLettreForm())


@require_http_methods(["POST"])
def abonnement(request):
    form = AbonnementLettreForm(request.POST)
    if not form.is_valid():
        return _archive(request, form, status=400)
    email = form.cleaned_data["email"]
    if not limites.autorise(request, action=limites.ABONNEMENT, email=email):
        form.add_error("email", limites.MESSAGE)
        return _archive(request, form, status=limites.STATUT)
    objet = services.lettre_abonnement_demander(
        email=email, nom=form.cleaned_data["nom"], origine=attribution.origine(request)
    )
    if objet.statut == StatutAbonnement.CONFIRME:
        messages.info(request, _("Vous êtes déjà abonné·e à la lettre du programme."))
    else:
        messages.success(
            request,
            _(
                "Presque fini : cliquez sur le lien que nous venons de vous envoyer pour "
                "confirmer votre abonnement."
            ),
        )
    return redirect("relais:lettre")


@require_GET
@page_publique(*ESPACES)
def numero(request, slug):
    objet = selectors.numero_publie(slug)
    if objet is None:
        raise Http404(_("Ce numéro n'existe pas ou n'est pas encore paru."))
    return render(
        request,
        "relais/lettre/numero.html",
        {"numero": objet, "corps": lettre.html_du_corps(objet.corps)},
    )


@require_GET
def kit(request, code):
    canal = selectors.canal_par_code(code)
    if canal is None:
        raise Http404(_("Ce canal de relais n'existe pas."))
    return render(
        request,
        "relais/kit.html",
        {"canal": canal, "elements": kits.kit(canal=canal)},
    )


@require_GET
def impact(request, jeton):
    acces = selectors.acces_par_jeton(jeton)
    if acces is None:
        raise Http404(_("Ce lien n'est pas valide."))
    reponse = render(
        request,
        "relais/impact.html",
        {"acces": acces, "tableau": selectors.impact(acces=acces)},
    )
    reponse["X-Robots-Tag"] = "noindex"
    reponse["Referrer-Policy"] = "no-referrer"
    return reponse
