"""Écritures de l'autodiagnostic : diagnostics, réponses, résultats, versions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from envois import registre
from envois import services as envois
from programme.models import Format, Organisation
from rameau import mail, site

from . import scoring, selectors
from .enums import Statut
from .models import (
    Choix,
    Diagnostic,
    Question,
    Questionnaire,
    Reponse,
    Resultat,
    Section,
)


def diagnostic_creer(
    *,
    profil: str,
    organisation_nom: str = "",
    email: str = "",
    domaine_activite: str = "",
    utilisateur=None,
    organisation: Organisation | None = None,
    origine: str = "",
) -> Diagnostic:
    """Commence un diagnostic sur la version publiée du profil choisi ; ``origine`` : le
    premier relais de la visite (``programme.attribution.origine(request)``)."""
    questionnaire = selectors.questionnaire_publie(profil)
    if organisation is not None:
        organisation_nom = organisation_nom or organisation.nom
        domaine_activite = domaine_activite or organisation.domaine_activite
    return Diagnostic.objects.create(
        questionnaire=questionnaire,
        organisation=organisation,
        utilisateur=utilisateur if utilisateur and utilisateur.is_authenticated else None,
        email=email,
        organisation_nom=organisation_nom,
        domaine_activite=domaine_activite,
        origine=origine[:100],
    )


_A_LIRE: Any = object()  # l'unité des ressources, à lire en base au besoin


def reponse_enregistrer(
    *, diagnostic: Diagnostic, question: Question, brute: Any, unite: str | None = _A_LIRE
) -> tuple[Any, str | None]:
    """Valide et enregistre une réponse. Renvoie ``(valeur, message d'erreur)`` ; une réponse
    invalide n'écrase jamais la réponse valide déjà enregistrée ; une réponse vidée est
    supprimée. Une ressource se lit dans l'unité choisie pour le diagnostic (``unite``, lue en
    base si elle n'est pas donnée)."""
    spec = selectors.spec_question(question)
    if unite is _A_LIRE:
        unite = (
            selectors.unite_ressources(diagnostic)
            if question.type in scoring.TYPES_RESSOURCES
            else None
        )
    try:
        valeur = scoring.normaliser_reponse(spec, brute, unite=unite)
    except scoring.ErreurReponse as exc:
        return brute, _(str(exc))
    if valeur is None:
        Reponse.objects.filter(diagnostic=diagnostic, question=question).delete()
    else:
        Reponse.objects.update_or_create(
            diagnostic=diagnostic, question=question, defaults={"valeur": valeur}
        )
    return valeur, None


def reponses_enregistrer(
    *, diagnostic: Diagnostic, questions: list[Question], donnees: Mapping[str, Any]
) -> dict[str, str]:
    """Enregistre les réponses d'une section. Renvoie les erreurs par code ; les réponses
    valides sont gardées même quand d'autres sont invalides.

    Une question absente de ``donnees`` n'a pas été envoyée : sa réponse enregistrée reste.
    Une valeur vide (``None``, ``""``, ``[]``) est un champ que la personne a vidé : sa réponse
    est effacée. L'unité des ressources envoyée avec elles vaut pour elles. Ne vérifie pas que
    le diagnostic est en cours (démonstration, reprise par l'équipe) : les saisies des
    personnes passent par :func:`section_soumettre`."""
    enregistrees = dict(
        Reponse.objects.filter(diagnostic=diagnostic, question__in=questions).values_list(
            "question__code", "valeur"
        )
    )
    ressources = [q for q in questions if q.type in scoring.TYPES_RESSOURCES]
    question_unite = next((q for q in questions if q.type == scoring.TYPE_UNITE), None)
    # L'unité d'abord : les ressources envoyées avec elle se lisent dans cette unité.
    ordre = sorted(questions, key=lambda q: q.type != scoring.TYPE_UNITE)
    unite: str | None = None
    if ressources and question_unite is None:
        # Choisie dans une autre section, ou pas du tout dans cette version.
        unite = selectors.unite_ressources(diagnostic)
    erreurs: dict[str, str] = {}
    valeurs: dict[str, Any] = {}
    for question in ordre:
        if question.code in donnees:
            valeur, erreur = reponse_enregistrer(
                diagnostic=diagnostic,
                question=question,
                brute=donnees[question.code],
                unite=unite,
            )
            if erreur:
                valeur = enregistrees.get(question.code)  # la réponse valide reste
        else:
            valeur, erreur = enregistrees.get(question.code), None
        if erreur:
            erreurs[question.code] = erreur
        elif valeur is None and question.obligatoire:
            erreurs[question.code] = _("Cette réponse est obligatoire.")
        else:
            valeurs[question.code] = valeur
        if question is question_unite:
            unite = scoring.unite_choisie(valeur)
    total_ressources = sum(valeurs.get(q.code) or 0 for q in ressources)
    if ressources and not erreurs and total_ressources <= 0:
        erreurs[ressources[0].code] = _("Indiquez au moins une ressource supérieure à zéro.")
    if ressources and not any(q.code in erreurs for q in ressources):
        specs = [selectors.spec_question(q) for q in ressources]
        for code, message in scoring.controler_ressources(specs, valeurs, unite).items():
            erreurs[code] = _(message)
    return erreurs


# --- Saisies des personnes : un diagnostic terminé ne change plus ---------------------------


class DiagnosticTermine(Exception):
    """Le diagnostic est terminé : ses réponses et son résultat ne changent plus. Pour une
    nouvelle situation, on commence un nouveau diagnostic (:func:`diagnostic_copier`)."""


def _verrouiller_en_cours(diagnostic: Diagnostic) -> None:
    """Verrouille le diagnostic jusqu'à la fin de la transaction et vérifie, en base, qu'il
    est encore en cours (un autre onglet a pu le terminer entre-temps)."""
    termine_le = (
        Diagnostic.objects.select_for_update()
        .filter(pk=diagnostic.pk)
        .values_list("termine_le", flat=True)
        .get()
    )
    if termine_le is not None:
        diagnostic.termine_le = termine_le
        raise DiagnosticTermine


@transaction.atomic
def section_soumettre(
    *, diagnostic: Diagnostic, questions: list[Question], donnees: Mapping[str, Any]
) -> dict[str, str]:
    """L'envoi d'une section par la personne qui répond (voir :func:`reponses_enregistrer`).
    Lève :class:`DiagnosticTermine` si le diagnostic est terminé : rien n'est enregistré."""
    _verrouiller_en_cours(diagnostic)
    return reponses_enregistrer(diagnostic=diagnostic, questions=questions, donnees=donnees)


@transaction.atomic
def reponse_soumettre(
    *, diagnostic: Diagnostic, question: Question, brute: Any
) -> tuple[Any, str | None]:
    """L'enregistrement automatique d'une réponse (voir :func:`reponse_enregistrer`). Lève
    :class:`DiagnosticTermine` si le diagnostic est terminé : rien n'est enregistré."""
    _verrouiller_en_cours(diagnostic)
    return reponse_enregistrer(diagnostic=diagnostic, question=question, brute=brute)


@transaction.atomic
def diagnostic_soumettre(*, diagnostic: Diagnostic) -> Resultat:
    """La personne demande son résultat : calcule et termine le diagnostic, une seule fois.
    Lève :class:`DiagnosticTermine` s'il l'est déjà, :class:`scoring.ErreurValidation` si des
    réponses manquent ou sont invalides."""
    _verrouiller_en_cours(diagnostic)
    return diagnostic_terminer(diagnostic=diagnostic)


@transaction.atomic
def diagnostic_copier(*, source: Diagnostic, utilisateur) -> Diagnostic:
    """Commence un nouveau diagnostic pré-rempli avec les réponses de ``source``, qui ne change
    pas. La copie suit la version publiée du même profil : chaque réponse y retrouve sa
    question par son code stable ; celles qui n'y existent plus ou n'y sont plus valides sont
    laissées de côté."""
    try:
        questionnaire = selectors.questionnaire_publie(source.questionnaire.profil)
    except Questionnaire.DoesNotExist:
        questionnaire = source.questionnaire
    copie = Diagnostic.objects.create(
        questionnaire=questionnaire,
        organisation_id=source.organisation_id,
        utilisateur=utilisateur if utilisateur and utilisateur.is_authenticated else None,
        email=source.email,
        organisation_nom=source.organisation_nom,
        domaine_activite=source.domaine_activite,
    )
    questions = {q.code: q for q in selectors.questions_avec_choix(questionnaire)}
    reponses = selectors.reponses(source)
    question_unite = next((q for q in questions.values() if q.type == scoring.TYPE_UNITE), None)
    unite = (
        None if question_unite is None else scoring.unite_choisie(reponses.get(question_unite.code))
    )
    copiees = []
    for code, valeur in reponses.items():
        question = questions.get(code)
        if question is None:
            continue
        try:
            valeur = scoring.normaliser_reponse(
                selectors.spec_question(question), valeur, unite=unite
            )
        except scoring.ErreurReponse:
            continue
        if valeur is not None:
            copiees.append(Reponse(diagnostic=copie, question=question, valeur=valeur))
    Reponse.objects.bulk_create(copiees)
    return copie


def diagnostic_terminer(*, diagnostic: Diagnostic) -> Resultat:
    """Calcule et enregistre le résultat avec la version du questionnaire. Lève
    :class:`scoring.ErreurValidation` si des réponses manquent ou sont invalides."""
    spec = selectors.spec_questionnaire(diagnostic.questionnaire)
    resultat = scoring.score(spec, selectors.reponses(diagnostic))
    return resultat_enregistrer(diagnostic=diagnostic, resultat=resultat)


@transaction.atomic
def resultat_enregistrer(
    *, diagnostic: Diagnostic, resultat: scoring.ResultatDiagnostic
) -> Resultat:
    maintenant = timezone.now()
    diagnostic.termine_le = maintenant
    diagnostic.save(update_fields=["termine_le", "modifie_le"])
    objet, _cree = Resultat.objects.update_or_create(
        diagnostic=diagnostic,
        defaults={
            "questionnaire_id": diagnostic.questionnaire_id,
            "organisation_id": diagnostic.organisation_id,
            "profil": diagnostic.questionnaire.profil,
            "domaine_activite": diagnostic.domaine_activite,
            **{m.lower(): v for m, v in resultat.scores.items()},
            "dominant": resultat.dominant,
            "second": resultat.second or "",
            "libelle": resultat.libelle_dominant,
            "logique": resultat.logique,
            "maturite": resultat.maturite_globale,
            "niveau": resultat.niveau,
            "format": Format.objects.get(slug=resultat.format),
            "donnees": resultat.en_dict(),
        },
    )
    # Le repère du domaine et les pages en cache changent : on les oublie maintenant et
    # après validation (une lecture concurrente aurait pu les recalculer entre-temps).
    _oublier_caches(objet.domaine_activite)
    transaction.on_commit(lambda: _oublier_caches(objet.domaine_activite))
    return objet


def _oublier_caches(domaine_activite: str) -> None:
    from .presentation import nouvelle_generation

    if domaine_activite:
        cache.delete(selectors.cle_repere_pairs(domaine_activite))
    nouvelle_generation()


GENRE_LIEN_REPRISE = "autodiagnostic.lien_reprise"


def lien_reprise_envoyer(*, diagnostic: Diagnostic) -> bool:
    """Réserve l'e-mail du lien secret de reprise dans la boîte d'envoi.

    Au plus un par diagnostic et par minute (la minute tronquée fait partie de l'unicité de
    la ligne) : un clic répété ne renvoie pas le même courriel, la page le réaffiche.
    """
    if not diagnostic.email:
        return False
    envois.envoi_programmer(
        genre=GENRE_LIEN_REPRISE,
        email=diagnostic.email,
        objet_id=diagnostic.pk,
        du_le=timezone.now().replace(second=0, microsecond=0),
    )
    return True


def _composer_lien_reprise(envoi, diagnostics, connexion):
    diagnostic = diagnostics.get(envoi.objet_id)
    if diagnostic is None or not diagnostic.email:
        raise registre.Abandonne
    return mail.construire(
        destinataire=diagnostic.email,
        sujet=gettext("[Le RAMEAU] Reprendre votre autodiagnostic"),
        gabarit="autodiagnostic/emails/lien_reprise",
        contexte={
            "diagnostic": diagnostic,
            "lien": site.url_absolue(diagnostic.get_absolute_url()),
        },
        connexion=connexion,
    )


registre.genre(
    code=GENRE_LIEN_REPRISE,
    libelle=gettext_lazy("Autodiagnostic : lien de reprise"),
    composer=_composer_lien_reprise,
    preparer=lambda liste: Diagnostic.objects.in_bulk([e.objet_id for e in liste]),
)


# --- Versions du questionnaire ------------------------------------------------------------


@transaction.atomic
def questionnaire_nouvelle_version(*, questionnaire: Questionnaire) -> Questionnaire:
    """Copie une version (sections, questions, choix) en un nouveau brouillon modifiable."""
    derniere = (
        Questionnaire.objects.select_for_update()
        .filter(profil=questionnaire.profil)
        .order_by("-version")
        .first()
    )
    copie = Questionnaire.objects.create(
        profil=questionnaire.profil,
        version=derniere.version + 1,
        statut=Statut.BROUILLON,
        titre=questionnaire.titre,
        introduction=questionnaire.introduction,
        seuil_hybride=questionnaire.seuil_hybride,
        seuil_comprendre=questionnaire.seuil_comprendre,
        seuil_experimenter=questionnaire.seuil_experimenter,
        seuil_transformer=questionnaire.seuil_transformer,
    )
    correspondance: dict[int, Section] = {}
    for section in questionnaire.sections.order_by("ordre"):
        ancien = section.pk
        section.pk = None
        section.questionnaire = copie
        section.save()
        correspondance[ancien] = section
    for question in selectors.questions_avec_choix(questionnaire):
        choix = list(question.choix.all())
        question.pk = None
        question.questionnaire = copie
        question.section = correspondance[question.section_id]
        question.save()
        for c in choix:
            c.pk = None
            c.question = question
        Choix.objects.bulk_create(choix)
    return copie


@transaction.atomic
def questionnaire_publier(*, questionnaire: Questionnaire) -> Questionnaire:
    """Publie un brouillon et archive la version publiée précédente du même profil."""
    if questionnaire.statut != Statut.BROUILLON:
        raise ValidationError(_("Seul un brouillon peut être publié."))
    if not questionnaire.questions.exists():
        raise ValidationError(_("Un questionnaire sans question ne peut pas être publié."))
    types = set(
        questionnaire.questions.filter(
            type__in=[*scoring.TYPES_RESSOURCES, scoring.TYPE_UNITE]
        ).values_list("type", flat=True)
    )
    if types >= set(scoring.TYPES_RESSOURCES) and scoring.TYPE_UNITE not in types:
        raise ValidationError(
            _(
                "Les ressources mélangent montants et pourcentages : donnez-leur le même type, "
                "ou ajoutez une question « Unité des ressources » qui fait choisir l'unité."
            )
        )
    Questionnaire.objects.filter(profil=questionnaire.profil, statut=Statut.PUBLIE).update(
        statut=Statut.ARCHIVE
    )
    questionnaire.statut = Statut.PUBLIE
    questionnaire.publie_le = timezone.now()
    questionnaire.save(update_fields=["statut", "publie_le"])
    return questionnaire


# --- Rattacher un diagnostic anonyme à un compte ------------------------------------------

CLE_SESSION_JETONS = "autodiagnostic_jetons"
JETONS_RETENUS_MAX = 20


def jeton_retenir(session, jeton: str) -> None:
    """Retient dans la session le jeton d'un diagnostic fait sans compte : il sera rattaché
    au compte créé ou connecté ensuite (voir :func:`diagnostics_rattacher`)."""
    jetons = [j for j in session.get(CLE_SESSION_JETONS, []) if j != jeton]
    session[CLE_SESSION_JETONS] = [*jetons, jeton][-JETONS_RETENUS_MAX:]


def diagnostics_rattacher(*, utilisateur, jetons) -> int:
    """Rattache à ce compte les diagnostics de ces jetons encore sans compte ni organisation
    (un diagnostic d'organisation, ou déjà rattaché à quelqu'un, ne change pas de main)."""
    jetons = [j for j in jetons if isinstance(j, str)][:JETONS_RETENUS_MAX]
    if not jetons:
        return 0
    return Diagnostic.objects.filter(
        jeton__in=jetons, utilisateur__isnull=True, organisation__isnull=True
    ).update(utilisateur=utilisateur)


def diagnostics_rattacher_depuis_session(*, request, user, **kwargs) -> int:
    """Récepteur des signaux de connexion et d'inscription (allauth) : rattache les
    diagnostics retenus dans la session, puis les oublie."""
    session = getattr(request, "session", None)
    if session is None or user is None:
        return 0
    nombre = diagnostics_rattacher(utilisateur=user, jetons=session.get(CLE_SESSION_JETONS, []))
    session.pop(CLE_SESSION_JETONS, None)
    return nombre


def diagnostic_rattacher_par_email(*, utilisateur, jeton: str) -> bool:
    """Rattache un diagnostic sans compte dont l'adresse est une adresse confirmée de ce
    compte (Mon espace le propose, voir ``selectors.diagnostics_a_rattacher``)."""
    a_rattacher = selectors.diagnostics_a_rattacher(utilisateur).filter(jeton=jeton)
    return bool(a_rattacher.update(utilisateur=utilisateur))
