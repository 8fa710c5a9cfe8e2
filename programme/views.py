from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rameau import limites
from rameau.cache import CONTENU, page_publique

from . import extensions, selectors, services
from .enums import RoleMembre
from .forms import InvitationForm, OrganisationForm
from .models import (
    ModeleSocioEconomique,
    Pilier,
)


@page_publique(*CONTENU)
def accueil(request):
    return render(
        request,
        "programme/accueil.html",
        {
            "objectifs": selectors.objectifs(),
            "piliers": extensions.avec_actualites(selectors.piliers()),
            "formats": selectors.formats(),
            "chiffres": selectors.chiffres_cles(),
            "sections": extensions.rendre(extensions.SECTIONS_ACCUEIL, request),
        },
    )


@page_publique(*CONTENU)
def piliers(request):
    return render(
        request,
        "programme/piliers.html",
        {
            "piliers": extensions.avec_actualites(selectors.piliers()),
            "programmes_recherche": selectors.programmes_recherche(),
        },
    )


@page_publique(*CONTENU)
def pilier(request, slug):
    try:
        objet = selectors.pilier(slug)
    except Pilier.DoesNotExist as exc:
        raise Http404 from exc
    (objet,) = extensions.avec_actualites([objet])
    return render(request, "programme/pilier.html", {"pilier": objet})


@page_publique(*CONTENU)
def formats(request):
    return render(request, "programme/formats.html", {"formats": selectors.formats()})


@page_publique(*CONTENU)
def format_detail(request, slug):
    format_ = selectors.format_par_slug(slug)
    if format_ is None:
        raise Http404
    return render(
        request,
        "programme/format.html",
        {"format": format_, "sections": extensions.rendre_format(request, format_)},
    )


@page_publique(*CONTENU)
def modeles(request):
    return render(
        request,
        "programme/modeles.html",
        {
            "modeles": selectors.modeles(),
            "leviers": selectors.leviers(),
            "familles": selectors.familles_leviers(),
        },
    )


@page_publique(*CONTENU)
def modele(request, code):
    try:
        objet = selectors.modele(code)
    except ModeleSocioEconomique.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "programme/modele.html", {"modele": objet})


@page_publique(*CONTENU)
def partenaires(request):
    return render(
        request,
        "programme/partenaires.html",
        {
            "roles": selectors.roles_avec_partenaires(),
        },
    )


@login_required
def espace(request):
    invitations = selectors.invitations_recues(request.user)
    return render(
        request,
        "programme/espace.html",
        {
            "adhesions": selectors.adhesions(request.user),
            "invitations": invitations,
            "sections": extensions.rendre(extensions.SECTIONS_ESPACE, request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_creer(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_creer(utilisateur=request.user, **form.cleaned_data)
        messages.success(
            request, _("L'organisation « %(nom)s » est créée.") % {"nom": organisation.nom}
        )
        return redirect(organisation)
    return render(request, "programme/organisation_form.html", {"form": form})


def _adhesion_ou_404(request, pk):
    adhesion = selectors.adhesions(request.user).filter(organisation_id=pk).first()
    if adhesion is None:
        raise Http404
    return adhesion


@login_required
@require_http_methods(["GET", "POST"])
def organisation(request, pk):
    adhesion = _adhesion_ou_404(request, pk)
    organisation = adhesion.organisation
    est_admin = adhesion.role == RoleMembre.ADMINISTRATEUR
    form = None
    if est_admin:
        form = InvitationForm(request.POST or None, organisation=organisation)
        if request.method == "POST" and form.is_valid():
            if not limites.autorise(
                request, action=limites.INVITATION, email=form.cleaned_data["email"]
            ):
                form.add_error("email", limites.MESSAGE)
                return render(
                    request,
                    "programme/organisation.html",
                    _contexte_organisation(organisation, est_admin=est_admin, form=form),
                    status=limites.STATUT,
                )
            services.invitation_envoyer(
                organisation=organisation, par=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                _("Invitation enregistrée : l'e-mail part vers %(email)s dans quelques instants.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(organisation)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "programme/organisation.html",
        _contexte_organisation(organisation, est_admin=est_admin, form=form),
    )


def _contexte_organisation(organisation, *, est_admin, form):
    return {
        "organisation": organisation,
        "est_admin": est_admin,
        "membres": selectors.membres(organisation),
        "invitations": selectors.invitations_en_attente(organisation),
        "form": form,
    }


@login_required
@require_http_methods(["GET", "POST"])
def organisation_modifier(request, pk):
    adhesion = _adhesion_ou_404(request, pk)
    if adhesion.role != RoleMembre.ADMINISTRATEUR:
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=adhesion.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Les informations de l'organisation sont enregistrées."))
        return redirect(adhesion.organisation)
    return render(
        request,
        "programme/organisation_form.html",
        {"form": form, "organisation": adhesion.organisation},
    )


@require_http_methods(["GET", "POST"])
def invitation(request, jeton):
    objet = selectors.invitation_par_jeton(jeton)
    if objet is None:
        raise Http404(_("Cette invitation n'existe pas ou a été retirée."))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            services.invitation_accepter(invitation=objet, utilisateur=request.user)
        except services.InvitationInvalide as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Vous avez rejoint « %(nom)s ».") % {"nom": objet.organisation.nom}
            )
            return redirect(objet.organisation)
    return render(request, "programme/invitation.html", {"invitation": objet})
