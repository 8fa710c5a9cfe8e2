from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agenda import ical
from agenda import selectors as agenda_selectors
from agenda import services as agenda
from agenda import views as vues_agenda
from agenda.forms import InscriptionForm
from envois import views as vues_envois
from envois.enums import StatutAbonnement
from programme import attribution
from rameau import limites
from rameau.cache import CONTENU, page_publique

from . import embed, selectors, services
from .forms import AbonnementForm
from .models import Webinaire


@page_publique(*CONTENU)
def liste(request):
    cycle = selectors.cycle_courant()
    return render(
        request,
        "webinaires/liste.html",
        {
            "a_venir": selectors.a_venir(),
            "passes": selectors.passes(),
            "cycle": cycle,
            "form_abonnement": AbonnementForm(),
        },
    )


def _webinaire(slug):
    try:
        return selectors.detail(slug)
    except Webinaire.DoesNotExist as exc:
        raise Http404(_("Ce webinaire n'existe pas.")) from exc


def _formulaire_initial(request, relais):
    initial = {"relais": relais or ""}
    if request.user.is_authenticated:
        initial.update(nom=request.user.nom, email=request.user.email)
    return InscriptionForm(initial=initial)


def _inscription_existante(request, webinaire):
    if not request.user.is_authenticated:
        return None
    return agenda_selectors.inscription_existante(
        session=webinaire.session, email=request.user.email
    )


@page_publique(*CONTENU, "inscriptions")  # « complet » suit les inscriptions
def detail(request, slug):
    webinaire = _webinaire(slug)
    return render(
        request,
        "webinaires/detail.html",
        {
            "webinaire": webinaire,
            "form": _formulaire_initial(request, request.GET.get("relais")),
            "relais": request.GET.get("relais", ""),
            "deja": _inscription_existante(request, webinaire),
        },
    )


@require_POST
def inscrire(request, slug):
    webinaire = _webinaire(slug)
    gabarit = "webinaires/fragments/inscription.html" if request.htmx else "webinaires/detail.html"
    contexte = {"webinaire": webinaire, "relais": request.POST.get("relais", "")}
    if request.user.is_authenticated and "un_clic" in request.POST:
        donnees = {
            "nom": request.user.nom or request.user.email,
            "email": request.user.email,
            "organisation": "",
            "profil": "",
            "consentement": True,
        }
        form = None
    else:
        form = InscriptionForm(request.POST)
        if not form.is_valid():
            contexte["form"] = form
            return render(request, gabarit, contexte)
        donnees = {k: v for k, v in form.cleaned_data.items() if k != "relais"}
    if not limites.autorise(request, action=limites.INSCRIPTION, email=donnees["email"]):
        contexte["form"] = form or _formulaire_initial(request, contexte["relais"])
        contexte["erreur"] = str(limites.MESSAGE)
        # htmx ne remplace pas le contenu d'une réponse 4xx : le fragment reste en 200.
        return render(request, gabarit, contexte, status=200 if request.htmx else limites.STATUT)
    try:
        resultat = agenda.inscription_creer(
            session=webinaire.session,
            utilisateur=request.user if request.user.is_authenticated else None,
            relais=embed.partenaire(request.POST.get("relais")),
            origine=attribution.origine(request),
            **donnees,
        )
    except agenda.InscriptionImpossible as exc:
        contexte["form"] = form or _formulaire_initial(request, contexte["relais"])
        contexte["erreur"] = str(exc)
        return render(request, gabarit, contexte)
    inscription = resultat.inscription
    if not resultat.nouvelle:
        message = _(
            "Vous êtes déjà inscrit·e à ce webinaire avec cette adresse : rien n'a été dupliqué."
        )
    elif resultat.en_attente:
        message = _(
            "Le webinaire est complet : vous êtes sur la liste d'attente. Nous vous écrirons "
            "dès qu'une place se libère."
        )
    else:
        message = _("Votre inscription est confirmée. Un e-mail de confirmation vous a été envoyé.")
    if request.htmx:
        return render(
            request,
            "webinaires/fragments/inscription_faite.html",
            {"webinaire": webinaire, "inscription": inscription, "message": message},
        )
    messages.success(request, message)
    return redirect(inscription.get_absolute_url())


# Liens d'annulation des e-mails déjà envoyés (``/webinaires/inscription/<jeton>/``) : même
# page que celle de l'agenda, même jeton, annulation par POST comme avant.
inscription = vues_agenda.inscription


def ics(request, slug):
    webinaire = _webinaire(slug)
    reponse = HttpResponse(
        ical.calendrier([webinaire.session], nom="Webinaires Le RAMEAU"),
        content_type="text/calendar; charset=utf-8",
    )
    reponse["Content-Disposition"] = f'attachment; filename="{webinaire.slug}.ics"'
    return reponse


def calendrier(request):
    contenu = ical.calendrier(
        [w.session for w in selectors.pour_calendrier()], nom="Webinaires Le RAMEAU"
    )
    reponse = HttpResponse(contenu, content_type="text/calendar; charset=utf-8")
    reponse["Content-Disposition"] = 'inline; filename="webinaires-le-rameau.ics"'
    return reponse


@require_http_methods(["GET", "POST"])
def abonnement(request):
    cycle = selectors.cycle_courant()
    form = AbonnementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not limites.autorise(
            request, action=limites.ABONNEMENT, email=form.cleaned_data["email"]
        ):
            form.add_error("email", limites.MESSAGE)
            return render(
                request,
                "webinaires/abonnement.html",
                {"form": form, "cycle": cycle},
                status=limites.STATUT,
            )
        objet = services.abonnement_demander(
            **form.cleaned_data, origine=attribution.origine(request)
        )
        if objet.statut == StatutAbonnement.CONFIRME:
            messages.info(request, _("Vous êtes déjà abonné·e aux annonces des webinaires."))
        else:
            messages.success(
                request,
                _(
                    "Presque fini : cliquez sur le lien que nous venons de vous envoyer pour "
                    "confirmer votre abonnement."
                ),
            )
        return redirect("webinaires:liste")
    return render(request, "webinaires/abonnement.html", {"form": form, "cycle": cycle})


# Liens des e-mails déjà envoyés avant le passage des abonnements dans ``envois`` : mêmes
# jetons, mêmes pages (le désabonnement en un clic accepte toujours le POST sans cookie).
confirmer_abonnement = vues_envois.confirmer
desabonner = vues_envois.desabonner


def aide_partenaires(request):
    return render(
        request,
        "webinaires/aide_partenaires.html",
        {"partenaire": embed.partenaire(request.GET.get("partenaire"))},
    )
