"""Page de confidentialité et demandes RGPD (avec ou sans compte)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rameau import limites

from . import services
from .enums import ObjetDemande, StatutDemande
from .forms import DemandeForm, SuppressionCompteForm


@require_GET
def politique(request):
    return render(
        request,
        "confidentialite/politique.html",
        {
            "inscrits_annees": settings.RGPD_INSCRITS_ANNEES,
            "diagnostics_mois": settings.RGPD_DIAGNOSTICS_INACHEVES_MOIS,
            "archive_jours": settings.RGPD_ARCHIVE_JOURS,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def demander(request):
    form = DemandeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not limites.autorise(request, action=limites.DONNEES, email=email):
            return render(
                request,
                "confidentialite/demander.html",
                {"form": form, "limite": limites.MESSAGE},
                status=limites.STATUT,
            )
        services.demande_creer(email=email, objet=form.cleaned_data["objet"])
        # Même réponse que l'adresse soit connue ou non : rien ne se devine d'ici.
        return render(request, "confidentialite/demande_envoyee.html", {"email": email})
    return render(request, "confidentialite/demander.html", {"form": form})


def _lien_expire(request):
    return render(request, "confidentialite/lien_expire.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def confirmer(request, signe: str):
    demande = services.demande_par_lien(
        signe, sel=services.SEL_CONFIRMATION, duree=services.duree_confirmation()
    )
    if demande is None or demande.statut == StatutDemande.EXPIREE:
        return _lien_expire(request)
    if request.method == "POST":
        demande = services.demande_confirmer(demande=demande)
    return render(
        request,
        "confidentialite/confirmer.html",
        {
            "demande": demande,
            "effacement": demande.objet == ObjetDemande.EFFACEMENT,
            "a_confirmer": demande.statut == StatutDemande.A_CONFIRMER,
        },
    )


@never_cache
@require_GET
def archive(request, signe: str):
    demande = services.demande_par_lien(
        signe, sel=services.SEL_ARCHIVE, duree=services.duree_archive()
    )
    fichier = services.archive_ouvrir(demande) if demande else None
    if fichier is None:
        return _lien_expire(request)
    return FileResponse(
        fichier,
        as_attachment=True,
        filename=f"mes-donnees-le-rameau-{demande.traitee_le:%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@login_required
@require_POST
def mon_export(request):
    services.demande_creer(
        email=request.user.email, objet=ObjetDemande.EXPORT, utilisateur=request.user
    )
    messages.success(
        request,
        _(
            "Votre archive est en préparation : un lien pour la télécharger vous parvient par "
            "e-mail dans quelques minutes."
        ),
    )
    return redirect("programme:espace")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def supprimer_compte(request):
    form = SuppressionCompteForm(request.POST or None, utilisateur=request.user)
    if request.method == "POST" and form.is_valid():
        utilisateur = request.user
        logout(request)
        services.compte_supprimer(utilisateur=utilisateur)
        messages.success(request, _("Votre compte et vos données personnelles ont été effacés."))
        return redirect("programme:accueil")
    return render(request, "confidentialite/supprimer_compte.html", {"form": form})
