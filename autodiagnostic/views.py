from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from programme import attribution
from rameau import limites
from rameau.cache import CONTENU, page_publique

from . import presentation, scoring, selectors, services
from .forms import DemarrerForm
from .models import Resultat

CHOIX_ECHELLE = [(1, "1"), (2, "2"), (3, "3"), (4, "4")]


def acces_requis(vue):
    """Devant le diagnostic d'une organisation, une personne non connectée est envoyée à la
    page de connexion (le lien seul ne suffit pas) ; voir ``selectors.peut_voir``."""

    @wraps(vue)
    def enveloppe(request, *args, **kwargs):
        try:
            return vue(request, *args, **kwargs)
        except selectors.ConnexionRequise:
            if request.htmx:
                # Un fragment : c'est la page qui l'affiche qu'il faut retrouver après.
                page = urlsplit(request.headers.get("HX-Current-URL", "")).path
                return HttpResponseClientRedirect(redirect_to_login(page or request.path).url)
            suite = request.get_full_path() if request.method == "GET" else request.path
            return redirect_to_login(suite)

    return enveloppe


def diagnostic_du_lien(request, jeton, *, avec_resultat=False):
    """Le diagnostic du lien, ou 404 (inconnu, ou réservé aux membres d'une organisation)."""
    selecteur = (
        selectors.diagnostic_accessible_avec_resultat
        if avec_resultat
        else selectors.diagnostic_accessible
    )
    diagnostic = selecteur(jeton=jeton, utilisateur=request.user)
    if diagnostic is None:
        raise Http404(_("Ce diagnostic est introuvable."))
    return diagnostic


def _termine(request, diagnostic, *, status=200):
    """Un diagnostic terminé ne se modifie plus : on propose d'en commencer un nouveau."""
    return render(request, "autodiagnostic/termine.html", {"diagnostic": diagnostic}, status=status)


@require_http_methods(["GET", "POST"])
@page_publique(*CONTENU)
def demarrer(request):
    form = DemarrerForm(request.POST or None, utilisateur=request.user)
    if request.method == "POST" and form.is_valid():
        diagnostic = services.diagnostic_creer(
            profil=form.cleaned_data["profil"],
            organisation_nom=form.cleaned_data["organisation_nom"],
            email=form.cleaned_data["email"],
            domaine_activite=form.cleaned_data["domaine_activite"],
            utilisateur=request.user,
            organisation=form.cleaned_data.get("organisation"),
            origine=attribution.origine(request),
        )
        if not request.user.is_authenticated:
            services.jeton_retenir(request.session, diagnostic.jeton)
        return redirect("autodiagnostic:section", jeton=diagnostic.jeton, numero=1)
    return render(request, "autodiagnostic/demarrer.html", {"form": form})


@require_GET
@acces_requis
def reprendre(request, jeton):
    diagnostic = diagnostic_du_lien(request, jeton)
    return _page_reprendre(request, diagnostic, envoye=request.GET.get("envoye") == "1")


def _page_reprendre(request, diagnostic, *, envoye=False, limite=False):
    return render(
        request,
        "autodiagnostic/reprendre.html",
        {
            "diagnostic": diagnostic,
            "lien": request.build_absolute_uri(diagnostic.get_absolute_url()),
            "termine": diagnostic.termine_le is not None,
            "envoye": envoye,
            "limite": limite,
            "limite_message": limites.MESSAGE,
        },
        status=limites.STATUT if limite else 200,
    )


def _champs(questions, reponses, erreurs, brutes=None, unite=None):
    """Une entrée par question : la valeur à réafficher (saisie brute si invalide),
    l'erreur éventuelle et, pour une ressource, son unité (``unite`` si le questionnaire la
    fait choisir, sinon celle de son type)."""
    brutes = brutes or {}
    champs = []
    for question in questions:
        valeur = brutes.get(question.code, reponses.get(question.code))
        champs.append(
            {
                "question": question,
                "valeur": _affichage(valeur),
                "valeurs": valeur if isinstance(valeur, list) else [valeur],
                "erreur": erreurs.get(question.code),
                "echelle": CHOIX_ECHELLE,
                "unite": unite or scoring.unite_du_type(question),
            }
        )
    return champs


def _affichage(valeur):
    """Un nombre tel qu'une personne l'écrit : 12000, 12000,5."""
    if isinstance(valeur, float):
        return str(int(valeur)) if valeur.is_integer() else str(valeur).replace(".", ",")
    return valeur


def _brute(request, question):
    """La saisie envoyée pour une question. Les cases à cocher sont accompagnées d'un champ
    caché vide : tout décocher envoie ``[]``, que l'on distingue d'un envoi sans le champ."""
    if question.type == "choix_multiple":
        return [v for v in request.POST.getlist(question.code) if v]
    return request.POST.get(question.code)


def _donnees_post(request, questions):
    """Les saisies envoyées, par code. Une question absente de l'envoi n'y figure pas : sa
    réponse enregistrée reste (un envoi vide n'efface rien)."""
    return {q.code: _brute(request, q) for q in questions if q.code in request.POST}


@require_http_methods(["GET", "POST"])
@acces_requis
def section(request, jeton, numero):
    diagnostic = diagnostic_du_lien(request, jeton)
    if diagnostic.termine_le is not None:
        return _termine(request, diagnostic, status=409 if request.method == "POST" else 200)
    sections = selectors.sections(diagnostic.questionnaire)
    if not 1 <= numero <= len(sections):
        raise Http404
    courante = sections[numero - 1]
    # Toutes les questions (même nombre de requêtes) : la question « unité » des ressources
    # peut être ailleurs que dans cette section.
    toutes = list(selectors.questions_avec_choix(diagnostic.questionnaire))
    questions = [q for q in toutes if q.section_id == courante.pk]
    question_unite = next((q for q in toutes if q.type == scoring.TYPE_UNITE), None)
    erreurs: dict[str, str] = {}
    brutes: dict = {}
    if request.method == "POST":
        donnees = _donnees_post(request, questions)
        try:
            erreurs = services.section_soumettre(
                diagnostic=diagnostic, questions=questions, donnees=donnees
            )
        except services.DiagnosticTermine:
            return _termine(request, diagnostic, status=409)
        brutes = {code: donnees[code] for code in erreurs if code in donnees}
        action = request.POST.get("action", "suivant")
        if action == "plus_tard":
            if diagnostic.email and not limites.autorise(
                request, action=limites.LIEN_REPRISE, email=diagnostic.email
            ):
                return _page_reprendre(request, diagnostic, limite=True)
            envoye = services.lien_reprise_envoyer(diagnostic=diagnostic)
            url = reverse("autodiagnostic:reprendre", args=[jeton])
            return redirect(url + ("?envoye=1" if envoye else ""))
        if action == "precedent" and numero > 1:
            return redirect("autodiagnostic:section", jeton=jeton, numero=numero - 1)
        if not erreurs:
            if numero < len(sections):
                return redirect("autodiagnostic:section", jeton=jeton, numero=numero + 1)
            try:
                services.diagnostic_soumettre(diagnostic=diagnostic)
            except services.DiagnosticTermine:
                return _termine(request, diagnostic, status=409)
            except scoring.ErreurValidation as exc:
                premiere = _section_de_la_premiere_erreur(diagnostic, exc.erreurs)
                messages.error(
                    request,
                    _("Certaines réponses manquent ou sont à corriger avant le résultat."),
                )
                return redirect(
                    reverse("autodiagnostic:section", args=[jeton, premiere]) + "?verifier=1"
                )
            return redirect("autodiagnostic:resultat", jeton=jeton)
    reponses = selectors.reponses(diagnostic)
    if request.method == "GET" and request.GET.get("verifier"):
        erreurs = _erreurs_de_section(diagnostic, questions, reponses)
    unite = None
    if question_unite is not None:
        unite = scoring.unite_choisie(reponses.get(question_unite.code))
    return render(
        request,
        "autodiagnostic/section.html",
        {
            "diagnostic": diagnostic,
            "section": courante,
            "numero": numero,
            "total": len(sections),
            "derniere": numero == len(sections),
            "champs": _champs(questions, reponses, erreurs, brutes, unite),
            "erreurs": erreurs,
        },
        status=400 if erreurs and request.method == "POST" else 200,
    )


def _section_de_la_premiere_erreur(diagnostic, erreurs) -> int:
    return selectors.numero_section_de(diagnostic.questionnaire, codes=erreurs)


def _erreurs_de_section(diagnostic, questions, reponses) -> dict[str, str]:
    spec = selectors.spec_questionnaire(diagnostic.questionnaire)
    try:
        scoring.valider(spec, reponses)
    except scoring.ErreurValidation as exc:
        codes = {q.code for q in questions}
        return {
            code: " ".join(_(m) for m in msgs)
            for code, msgs in exc.erreurs.items()
            if code in codes
        }
    return {}


@require_POST
@acces_requis
def reponse(request, jeton, code):
    """Enregistrement automatique d'une réponse (htmx) : renvoie l'état du champ."""
    diagnostic = diagnostic_du_lien(request, jeton)
    question = selectors.questions_avec_choix(diagnostic.questionnaire).filter(code=code).first()
    if question is None:
        raise Http404
    status = 200
    if code not in request.POST:
        # Le champ est toujours envoyé par la page (voir _brute) : rien à enregistrer.
        contexte = {"erreur": _("Aucune réponse reçue : rien n'a été modifié.")}
        status = 400
    else:
        try:
            valeur, erreur = services.reponse_soumettre(
                diagnostic=diagnostic, question=question, brute=_brute(request, question)
            )
        except services.DiagnosticTermine:
            if not request.htmx:
                return _termine(request, diagnostic, status=409)
            # htmx n'affiche que les réponses 2xx : le message doit arriver jusqu'au champ.
            erreur = _(
                "Ce diagnostic est terminé : cette réponse n'a pas été enregistrée. "
                "Commencez un nouveau diagnostic à partir de celui-ci pour la modifier."
            )
            valeur = None
        if erreur is None and valeur is None and question.obligatoire:
            erreur = _("Cette réponse est obligatoire.")
        contexte = {"question": question, "erreur": erreur, "enregistre": erreur is None}
        if (
            question.type == scoring.TYPE_UNITE
            and erreur is None
            and selectors.ressources_saisies(diagnostic)
        ):
            contexte["avertissement"] = _(
                "Unité enregistrée : vérifiez que les ressources déjà saisies sont bien "
                "indiquées dans cette unité."
            )
    if not request.htmx:
        # Sans JavaScript, ce point d'entrée n'est pas utilisé ; on revient à la section.
        return redirect(
            "autodiagnostic:section", jeton=jeton, numero=_numero_section(diagnostic, question)
        )
    return render(request, "autodiagnostic/fragments/etat_champ.html", contexte, status=status)


def _numero_section(diagnostic, question) -> int:
    sections = selectors.sections(diagnostic.questionnaire)
    return next(i for i, s in enumerate(sections, start=1) if s.pk == question.section_id)


def _resultat_ou_redirection(request, jeton):
    diagnostic = diagnostic_du_lien(request, jeton, avec_resultat=True)
    try:
        return diagnostic, diagnostic.resultat
    except Resultat.DoesNotExist:
        return diagnostic, None


def _visiteur_sans_etat(request) -> bool:
    """Anonyme, sans session ni message en attente : la page peut être partagée. Les autres
    cookies (préférences, mesure d'audience…) ne changent rien à la page."""
    avec_etat = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name} & set(request.COOKIES)
    return not avec_etat and not request.user.is_authenticated


@require_GET
@acces_requis
def resultat(request, jeton):
    partageable = _visiteur_sans_etat(request)
    if partageable and (html := presentation.page_complete_en_cache(jeton)):
        return HttpResponse(html)
    generation = presentation.generation(fraiche=True)
    diagnostic, objet = _resultat_ou_redirection(request, jeton)
    if objet is None:
        messages.info(request, _("Terminez le questionnaire pour voir votre résultat."))
        return redirect("autodiagnostic:section", jeton=jeton, numero=1)
    contexte = {
        "diagnostic": diagnostic,
        "contenu_resultat": presentation.contenu_resultat(diagnostic=diagnostic),
        "inscription": presentation.inscription_directe(
            diagnostic=diagnostic, utilisateur=request.user
        ),
    }
    # Avec le formulaire d'inscription (jeton CSRF), la page n'est pas partagée ; son contenu
    # (le résultat) reste en cache.
    if not partageable or diagnostic.organisation_id is not None or contexte["inscription"]:
        return render(request, "autodiagnostic/resultat.html", contexte)
    # Page partagée entre visiteurs anonymes : elle ne contient aucun jeton CSRF (elle n'a
    # aucun formulaire POST pour eux).
    contexte["csrf_token"] = ""
    reponse = render(request, "autodiagnostic/resultat.html", contexte)
    presentation.mettre_page_complete_en_cache(jeton, reponse.content.decode(), generation)
    return reponse


@require_GET
@acces_requis
def resultat_json(request, jeton):
    diagnostic, objet = _resultat_ou_redirection(request, jeton)
    if objet is None:
        raise Http404
    return JsonResponse(
        presentation.resultat_json(presentation.resultat_moteur(objet)),
        json_dumps_params={"ensure_ascii": False},
    )


@require_http_methods(["GET", "POST"])
@acces_requis
def copier(request, jeton):
    """« Commencer un nouveau diagnostic à partir de celui-ci » : la page le propose (elle peut
    être partagée, sans formulaire), l'envoi crée la copie et y mène."""
    diagnostic = diagnostic_du_lien(request, jeton)
    if request.method == "POST":
        copie = services.diagnostic_copier(source=diagnostic, utilisateur=request.user)
        messages.success(
            request,
            _(
                "Nouveau diagnostic commencé : les réponses du précédent sont reprises. "
                "Modifiez ce qui a changé, puis demandez votre nouveau résultat."
            ),
        )
        return redirect("autodiagnostic:section", jeton=copie.jeton, numero=1)
    return _termine(request, diagnostic)


@require_GET
@acces_requis
def retrouver(request, jeton):
    """« Créer un compte » ou « Se connecter » depuis la page de résultat : le jeton est
    retenu dans la session, le diagnostic est rattaché au compte à la connexion (voir
    ``services.diagnostics_rattacher``)."""
    diagnostic = diagnostic_du_lien(request, jeton)
    if request.user.is_authenticated:
        services.diagnostics_rattacher(utilisateur=request.user, jetons=[diagnostic.jeton])
        return redirect(diagnostic.get_resultat_url())
    services.jeton_retenir(request.session, diagnostic.jeton)
    page = "account_signup" if request.GET.get("compte") == "nouveau" else "account_login"
    return redirect(f"{reverse(page)}?next={diagnostic.get_resultat_url()}")


@require_POST
def rattacher(request, jeton):
    """Mon espace : rattacher à son compte un diagnostic fait sous une de ses adresses
    confirmées."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("programme:espace"))
    if services.diagnostic_rattacher_par_email(utilisateur=request.user, jeton=jeton):
        messages.success(request, _("Le diagnostic est rattaché à votre compte."))
    else:
        messages.error(request, _("Ce diagnostic ne peut pas être rattaché à votre compte."))
    return redirect("programme:espace")
