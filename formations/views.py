import json
import logging

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rameau import limites
from rameau.cache import CONTENU, page_publique

from . import badges, selectors, services, signature, tasks
from .forms import FiltreForm, InscriptionModuleForm

logger = logging.getLogger(__name__)


@require_GET
@page_publique(*CONTENU, "formations", "inscriptions")
def liste(request):
    filtre = FiltreForm(request.GET or None)
    choisis = filtre.filtres() if request.GET else {}
    modules = selectors.modules(**choisis)
    return render(
        request,
        "formations/liste.html",
        {"filtre": filtre, "groupes": selectors.par_niveau(modules), "filtres": choisis},
    )


def _module(slug):
    module = selectors.module(slug)
    if module is None:
        raise Http404(_("Ce module de formation n'existe pas."))
    return module


def _formulaire(request, module, donnees=None):
    initial = {}
    if request.user.is_authenticated:
        initial = {"nom": request.user.nom, "email": request.user.email}
    return InscriptionModuleForm(donnees, initial=initial, sessions=module.prochaines)


def _contexte(request, module, form, **extra):
    deja = []
    if request.user.is_authenticated:
        deja = selectors.inscriptions_au_module(module=module, email=request.user.email)
    return {"module": module, "form": form, "deja": deja, **extra}


@require_GET
@page_publique(*CONTENU, "formations", "inscriptions")  # places restantes
def module(request, slug):
    objet = _module(slug)
    return render(
        request, "formations/module.html", _contexte(request, objet, _formulaire(request, objet))
    )


@require_POST
def inscrire(request, slug):
    objet = _module(slug)
    form = _formulaire(request, objet, request.POST)
    if not form.is_valid():
        return render(request, "formations/module.html", _contexte(request, objet, form))
    donnees = {k: v for k, v in form.cleaned_data.items() if k not in ("relais", "session")}
    if not limites.autorise(request, action=limites.INSCRIPTION, email=donnees["email"]):
        contexte = _contexte(request, objet, form, erreur=str(limites.MESSAGE))
        return render(request, "formations/module.html", contexte, status=limites.STATUT)
    try:
        resultat = services.inscription_module_creer(
            module=objet,
            session=form.cleaned_data["session"],
            utilisateur=request.user if request.user.is_authenticated else None,
            **donnees,
        )
    except services.InscriptionImpossible as exc:
        return render(
            request, "formations/module.html", _contexte(request, objet, form, erreur=str(exc))
        )
    if not resultat.nouvelle:
        message = _("Vous êtes déjà inscrit·e à cette session avec cette adresse.")
    elif resultat.en_attente:
        message = _(
            "La session est complète : vous êtes sur la liste d'attente. Nous vous écrirons "
            "dès qu'une place se libère."
        )
    else:
        message = _("Votre inscription est confirmée. Un e-mail de confirmation vous a été envoyé.")
    messages.success(request, message)
    return redirect(resultat.inscription.get_absolute_url())


# --- Attestations : vérification publique, PDF, badge signé, clé de l'émetteur ----------------


def _attestation(code):
    objet = selectors.attestation(code)
    if objet is None:
        raise Http404(_("Aucune attestation ne correspond à cette adresse."))
    return objet


@require_GET
def verifier(request, code):
    """Valide ou révoquée, et seulement les faits attestés (jamais l'adresse e-mail)."""
    objet = _attestation(code)
    reponse = render(request, "formations/verification.html", {"attestation": objet})
    reponse["X-Robots-Tag"] = "noindex"
    return reponse


def _revoquee(request, objet):
    reponse = render(request, "formations/verification.html", {"attestation": objet}, status=410)
    reponse["X-Robots-Tag"] = "noindex"
    return reponse


@require_GET
def pdf(request, code):
    objet = _attestation(code)
    if not objet.valide:
        return _revoquee(request, objet)
    if not objet.pdf:
        # Rendu par la tâche d'émission ; s'il manque (worker tué), relancé par le worker,
        # jamais dans la requête ; le beat le rattrape si le courtier est injoignable.
        try:
            tasks.rendre_pdf_attestation.delay(objet.pk)
        except Exception:  # courtier injoignable : le beat rattrapera
            logger.warning("PDF de l'attestation %s : rattrapé au prochain beat.", objet.pk)
        objet = _attestation(code)  # Celery « eager » (make run) : déjà rendu
        if not objet.pdf:
            reponse = render(
                request, "formations/pdf_en_preparation.html", {"attestation": objet}, status=202
            )
            reponse["X-Robots-Tag"] = "noindex"
            return reponse
    reponse = FileResponse(
        objet.pdf.open("rb"), content_type="application/pdf", filename=f"{_nom_fichier(objet)}.pdf"
    )
    reponse["X-Robots-Tag"] = "noindex"
    return reponse


def _nom_fichier(objet) -> str:
    return "certificat" if objet.certificat_id else "attestation-de-presence"


@require_GET
def badge(request, code):
    """Le badge Open Badges 3.0 signé (JWS compact, ``application/vc+jwt``)."""
    objet = _attestation(code)
    if not objet.valide:
        return _revoquee(request, objet)
    reponse = HttpResponse(badges.jeton(objet), content_type="application/vc+jwt")
    reponse["Content-Disposition"] = f'attachment; filename="{_nom_fichier(objet)}.jwt"'
    reponse["X-Robots-Tag"] = "noindex"
    return reponse


@require_GET
def emetteur(request):
    return HttpResponse(
        json.dumps(badges.emetteur(), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )


@require_GET
def cles(request):
    return JsonResponse({"keys": [signature.jwk_publique()]})
