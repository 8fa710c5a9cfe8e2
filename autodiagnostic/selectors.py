"""Lectures de l'autodiagnostic : questionnaires, diagnostics, repères entre pairs."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    FloatField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from programme.models import Format

from . import scoring
from .enums import Statut
from .models import (
    MODELES,
    Choix,
    Diagnostic,
    Question,
    Questionnaire,
    RegleRecommandation,
    Reponse,
    Resultat,
    Section,
)

# Repère entre pairs : affiché à partir de ce nombre d'autres résultats du même domaine.
MINIMUM_PAIRS = 5
DUREE_CACHE_PAIRS = 3600


def questionnaires_publies() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(statut=Statut.PUBLIE).order_by("profil")


def questionnaire_publie(profil: str) -> Questionnaire:
    return Questionnaire.objects.get(profil=profil, statut=Statut.PUBLIE)


def questions_avec_choix(questionnaire: Questionnaire) -> QuerySet[Question]:
    return (
        Question.objects.filter(questionnaire=questionnaire)
        .select_related("section")
        .prefetch_related(Prefetch("choix", queryset=Choix.objects.order_by("ordre")))
        .order_by("section__ordre", "ordre")
    )


def _spec_question(question: Question) -> scoring.QuestionSpec:
    return scoring.QuestionSpec(
        code=question.code,
        type=question.type,
        libelle=question.libelle,
        obligatoire=question.obligatoire,
        modele=question.modele,
        groupe=question.groupe,
        besoin=question.besoin,
        choix=tuple(
            scoring.ChoixSpec(
                code=c.code,
                libelle=c.libelle,
                poids={m: p for m, p in c.poids.items() if p},
                points=c.points_maturite,
                groupe=c.groupe,
            )
            for c in question.choix.all()
        ),
    )


def spec_question(question: Question) -> scoring.QuestionSpec:
    """Spécification d'une question (ses choix doivent être préchargés pour éviter N requêtes)."""
    return _spec_question(question)


def spec_questionnaire(
    questionnaire: Questionnaire, questions: QuerySet[Question] | list[Question] | None = None
) -> scoring.QuestionnaireSpec:
    """La description pure d'un questionnaire et des règles actives, pour le moteur."""
    if questions is None:
        questions = questions_avec_choix(questionnaire)
    regles = RegleRecommandation.objects.filter(active=True).select_related("format")
    return scoring.QuestionnaireSpec(
        profil=questionnaire.profil,
        version=questionnaire.version,
        questions=tuple(_spec_question(q) for q in questions),
        regles=tuple(
            scoring.RegleSpec(
                format=r.format.slug,
                raison=r.raison,
                priorite=r.priorite,
                profil=r.profil,
                niveau=r.niveau,
                besoin=r.besoin,
            )
            for r in regles
        ),
        seuil_hybride=float(questionnaire.seuil_hybride),
        seuils_niveaux=(
            float(questionnaire.seuil_comprendre),
            float(questionnaire.seuil_experimenter),
            float(questionnaire.seuil_transformer),
        ),
        noms_formats=dict(Format.objects.values_list("slug", "nom")),
    )


class ConnexionRequise(Exception):
    """Le diagnostic appartient à une organisation : il faut se connecter pour y accéder."""


def peut_voir(diagnostic: Diagnostic, utilisateur) -> bool:
    """Un diagnostic sans organisation s'ouvre avec son seul jeton secret ; un diagnostic
    rattaché à une organisation est réservé à ses membres, quel que soit le lien utilisé."""
    if diagnostic.organisation_id is None:
        return True
    if not utilisateur.is_authenticated:
        return False
    return utilisateur.adhesions.filter(organisation_id=diagnostic.organisation_id).exists()


def _accessible(diagnostic: Diagnostic | None, utilisateur) -> Diagnostic | None:
    if diagnostic is None:
        return None
    if not peut_voir(diagnostic, utilisateur):
        if not utilisateur.is_authenticated:
            raise ConnexionRequise
        return None
    return diagnostic


def diagnostic_accessible(*, jeton: str, utilisateur) -> Diagnostic | None:
    """Le diagnostic de ce jeton s'il est accessible à cette personne, sinon ``None``.
    Lève :class:`ConnexionRequise` pour une personne non connectée devant le diagnostic
    d'une organisation (la vue l'envoie à la connexion)."""
    diagnostic = (
        Diagnostic.objects.select_related("questionnaire", "organisation")
        .filter(jeton=jeton)
        .first()
    )
    return _accessible(diagnostic, utilisateur)


def diagnostic_accessible_avec_resultat(*, jeton: str, utilisateur) -> Diagnostic | None:
    """Comme :func:`diagnostic_accessible`, avec son résultat, en une requête."""
    diagnostic = (
        Diagnostic.objects.select_related(
            "questionnaire", "organisation", "resultat__questionnaire", "resultat__format"
        )
        .filter(jeton=jeton)
        .first()
    )
    return _accessible(diagnostic, utilisateur)


def resultat_de(diagnostic: Diagnostic) -> Resultat | None:
    return Resultat.objects.filter(diagnostic=diagnostic).first()


def numero_section_de(questionnaire: Questionnaire, *, codes) -> int:
    """Le numéro (à partir de 1) de la première section qui contient l'une des questions."""
    ordres = dict(
        Question.objects.filter(questionnaire=questionnaire, code__in=codes)
        .values_list("code", "section__ordre")
        .order_by("section__ordre")
    )
    liste = sections(questionnaire)
    ordre = min(ordres.values(), default=liste[0].ordre)
    return next(i for i, s in enumerate(liste, start=1) if s.ordre == ordre)


def sections(questionnaire: Questionnaire) -> list[Section]:
    return list(questionnaire.sections.order_by("ordre"))


def unite_ressources(diagnostic: Diagnostic) -> str | None:
    """L'unité choisie pour les ressources du diagnostic (euros par défaut), en une requête ;
    ``None`` si sa version du questionnaire ne la fait pas choisir."""
    ligne = (
        Question.objects.filter(questionnaire_id=diagnostic.questionnaire_id, type="unite")
        .annotate(
            valeur=Subquery(
                Reponse.objects.filter(question=OuterRef("pk"), diagnostic=diagnostic).values(
                    "valeur"
                )[:1],
                output_field=JSONField(),
            )
        )
        .values_list("pk", "valeur")
        .first()
    )
    return None if ligne is None else scoring.unite_choisie(ligne[1])


def ressources_saisies(diagnostic: Diagnostic) -> bool:
    return Reponse.objects.filter(
        diagnostic=diagnostic, question__type__in=scoring.TYPES_RESSOURCES
    ).exists()


def reponses(diagnostic: Diagnostic) -> dict[str, object]:
    """Réponses enregistrées, par code de question."""
    return dict(
        Reponse.objects.filter(diagnostic=diagnostic).values_list("question__code", "valeur")
    )


def diagnostics_de(utilisateur) -> QuerySet[Diagnostic]:
    """Les diagnostics d'une personne (sans organisation) et ceux des organisations dont elle
    est membre : les mêmes que :func:`peut_voir` lui ouvre."""
    return (
        Diagnostic.objects.filter(
            Q(utilisateur=utilisateur, organisation__isnull=True)
            | Q(organisation__adhesions__utilisateur=utilisateur)
        )
        .distinct()
        .select_related("questionnaire", "organisation", "resultat")
        .order_by("-cree_le")
    )


# --- Repère entre pairs -------------------------------------------------------------------


class Mediane(Aggregate):
    """Médiane continue (PostgreSQL) : ``percentile_cont(0.5) WITHIN GROUP (ORDER BY x)``."""

    function = "percentile_cont"
    name = "Mediane"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _mediane_sqlite(qs: QuerySet[Resultat], champ: str, n: int) -> float:
    # Repli SQLite, toujours en SQL : une ou deux lignes lues au milieu du tri.
    milieu = (n - 1) // 2
    valeurs = list(qs.order_by(champ).values_list(champ, flat=True)[milieu : milieu + 2 - n % 2])
    return sum(valeurs) / len(valeurs)


def cle_repere_pairs(domaine_activite: str) -> str:
    return f"autodiagnostic:pairs:{domaine_activite}"


def calculer_repere_pairs(domaine_activite: str) -> dict:
    """Nombre de résultats du domaine et profil médian (M1–M7), calculés par la base : une
    seule requête d'agrégation sur PostgreSQL (``percentile_cont``), un tri par modèle sur
    SQLite."""
    qs = Resultat.objects.filter(domaine_activite=domaine_activite)
    if connection.vendor == "postgresql":
        agregats = qs.aggregate(n=Count("id"), **{m: Mediane(m.lower()) for m in MODELES})
        n = agregats.pop("n")
        if not n:
            return {"nombre": 0, "scores": None}
        return {"nombre": n, "scores": {m: round(agregats[m], 1) for m in MODELES}}
    n = qs.count()
    if not n:
        return {"nombre": 0, "scores": None}
    return {
        "nombre": n,
        "scores": {m: round(_mediane_sqlite(qs, m.lower(), n), 1) for m in MODELES},
    }


def repere_pairs(*, domaine_activite: str, avec_soi: bool = True) -> dict | None:
    """Profil médian des résultats du même domaine d'activité ; ``None`` s'il y a moins de
    :data:`MINIMUM_PAIRS` autres résultats (``avec_soi`` : le résultat affiché en fait partie).

    Mis en cache par domaine ; l'enregistrement d'un résultat invalide le domaine."""
    if not domaine_activite:
        return None
    cle = cle_repere_pairs(domaine_activite)
    repere = cache.get(cle)
    if repere is None:
        repere = calculer_repere_pairs(domaine_activite)
        cache.set(cle, repere, DUREE_CACHE_PAIRS)
    autres = repere["nombre"] - (1 if avec_soi else 0)
    if autres < MINIMUM_PAIRS:
        return None
    return {"nombre": autres, "scores": repere["scores"]}


def evolution(diagnostic: Diagnostic) -> list[Resultat]:
    """Résultats antérieurs de la même organisation, du plus ancien au plus récent."""
    if diagnostic.organisation_id is None:
        return []
    return list(
        Resultat.objects.filter(organisation_id=diagnostic.organisation_id)
        .exclude(diagnostic_id=diagnostic.pk)
        .filter(calcule_le__lt=diagnostic.resultat.calcule_le)
        .order_by("calcule_le")[:10]
    )


def diagnostics_a_rattacher(utilisateur) -> QuerySet[Diagnostic]:
    """Les diagnostics faits sans compte sous une adresse confirmée de cette personne, que
    Mon espace lui propose de rattacher (une requête)."""
    from allauth.account.models import EmailAddress
    from django.db.models.functions import Lower

    adresses = (
        EmailAddress.objects.filter(user=utilisateur, verified=True)
        .annotate(adresse=Lower("email"))
        .values("adresse")
    )
    return (
        Diagnostic.objects.filter(utilisateur__isnull=True, organisation__isnull=True)
        .exclude(email="")
        .annotate(adresse=Lower("email"))
        .filter(adresse__in=adresses)
        .select_related("questionnaire", "resultat")
        .order_by("-cree_le")
    )
