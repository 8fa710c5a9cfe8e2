"""Contexte d'affichage d'un résultat, commun à la page web et à la fiche PDF personnalisée.

:func:`contexte_resultat` part de la sortie du moteur (:class:`scoring.ResultatDiagnostic`) ;
il fonctionne donc aussi pour un résultat non enregistré (commande ``score_diagnostic``).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Prefetch, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from agenda import registre as agenda_registre
from agenda.selectors import session_prochaine
from programme.extensions import OCCASIONS_FORMAT
from programme.models import FamilleLeviers, Format, ModeleSocioEconomique
from rameau import cache as cache_partage

from . import charts, scoring, selectors
from .enums import PUBLIC_DU_PROFIL
from .models import Choix, Diagnostic, Questionnaire, Resultat

logger = logging.getLogger(__name__)


def resultat_moteur(objet: Resultat) -> scoring.ResultatDiagnostic:
    """Le résultat tel que le moteur l'a produit, relu depuis la base (reproductible)."""
    return scoring.ResultatDiagnostic.depuis_dict(objet.donnees)


def resultat_json(resultat: scoring.ResultatDiagnostic) -> dict[str, Any]:
    """La forme JSON publique d'un résultat (page ``resultat.json`` et commande)."""
    return {
        "profil": resultat.profil,
        "version_questionnaire": resultat.version,
        "scores": dict(resultat.scores),
        "dominant": resultat.dominant,
        "hybride": resultat.hybride,
        "second": resultat.second,
        "modele": resultat.libelle_dominant,
        "logique": resultat.logique,
        "logique_libelle": resultat.logique_libelle,
        "maturite": dict(resultat.maturite),
        "maturite_globale": resultat.maturite_globale,
        "niveau": resultat.niveau,
        "niveau_libelle": resultat.niveau_libelle,
        "format": resultat.format,
        "raison": resultat.raison,
        "alternatives": list(resultat.alternatives),
    }


def prochaine_occasion(format_: Format, *, public: str | None = None) -> dict | None:
    """La prochaine occasion concrète : la prochaine session datée du format (atelier,
    co-développement, parcours) ouverte à ce public, avec sa page (celle que l'application du
    format déclare à l'agenda), sinon le lien du format (MOOC), sinon le prochain webinaire,
    sinon la page du format."""
    session = session_prochaine(format=format_, public=public)
    if session is not None:
        url = session.lien_inscription or agenda_registre.fiches([session])[session.pk].url
        return {
            "titre": session.titre,
            "date": session.debut,
            "url": url,
            "externe": bool(session.lien_inscription),
            "session": session,
        }
    # Un format sans session datée dont une autre application donne la page (les travaux
    # académiques pour « Contenus académiques »).
    occasion = OCCASIONS_FORMAT.get(format_.slug)
    if occasion is not None and (trouvee := occasion()):
        return {"date": None, "externe": False, **trouvee}
    if format_.lien:
        return {"titre": format_.nom, "date": None, "url": format_.lien, "externe": True}
    try:
        from webinaires.selectors import prochain_webinaire

        webinaire = prochain_webinaire()
    except (ImportError, AttributeError):
        webinaire = None
    if webinaire is not None:
        return {
            "titre": webinaire.titre,
            "date": webinaire.debut,
            "url": webinaire.get_absolute_url(),
            "externe": False,
        }
    return {"titre": format_.nom, "date": None, "url": format_.get_absolute_url(), "externe": False}


def contexte_resultat(
    *, resultat: scoring.ResultatDiagnostic, organisation_nom: str, date: datetime
) -> dict[str, Any]:
    """Tout ce qu'il faut pour afficher un résultat (page web ou fiche PDF).

    Clés : ``organisation_nom``, ``date``, ``resultat`` (sortie du moteur), ``scores`` (liste
    ordonnée ``(code, nom, valeur)``), ``svg``, ``dominant`` (un ou deux
    :class:`ModeleSocioEconomique`), ``libelle_dominant``, ``hybride``, ``logique`` (libellé),
    ``maturite`` (liste ``(groupe, valeur)``), ``maturite_globale``, ``niveau``,
    ``niveau_libelle``, ``format`` (:class:`Format`), ``raison``, ``alternatives`` (formats),
    ``prochaine_occasion`` (dict ``titre``, ``date``, ``url``) et ``familles_leviers``.
    """
    codes_dominants = [c for c in (resultat.dominant, resultat.second) if c]
    modeles = {
        m.code: m
        for m in ModeleSocioEconomique.objects.prefetch_related(
            Prefetch("familles_leviers", queryset=FamilleLeviers.objects.order_by("ordre"))
        )
    }
    formats = {f.slug: f for f in Format.objects.all()}
    format_ = formats[resultat.format]
    public = PUBLIC_DU_PROFIL.get(resultat.profil)
    familles: dict[int, FamilleLeviers] = {}
    for code in codes_dominants:
        for famille in modeles[code].familles_leviers.all():
            familles.setdefault(famille.pk, famille)
    scores = [
        (code, modeles[code].nom if code in modeles else code, valeur)
        for code, valeur in resultat.scores.items()
    ]
    return {
        "organisation_nom": organisation_nom,
        "date": date,
        "resultat": resultat,
        "scores": scores,
        "svg": charts.svg_scores(resultat.scores, titre=gettext("Répartition par modèle (en %)")),
        "dominant": [modeles[c] for c in codes_dominants if c in modeles],
        "libelle_dominant": resultat.libelle_dominant,
        "hybride": resultat.hybride,
        "logique": resultat.logique_libelle,
        "maturite": [
            (scoring.LIBELLES_GROUPES[g], resultat.maturite[g])
            for g in scoring.GROUPES
            if g in resultat.maturite
        ],
        "maturite_globale": resultat.maturite_globale,
        "niveau": resultat.niveau,
        "niveau_libelle": resultat.niveau_libelle,
        "format": format_,
        "raison": resultat.raison,
        "alternatives": [formats[f] for f in resultat.alternatives if f in formats],
        "prochaine_occasion": prochaine_occasion(format_, public=public),
        "familles_leviers": list(familles.values()),
        "explication": explication(resultat),
    }


def explication(resultat: scoring.ResultatDiagnostic) -> dict[str, Any]:
    """Ce qui a mené au format (les réponses retenues par la règle) et ce que veulent dire
    les quatre niveaux (seuils de la version du questionnaire). Une requête."""
    libelle_besoin = Choix.objects.filter(
        question__questionnaire=OuterRef("pk"), question__besoin=True, code=resultat.besoin or ""
    ).values("libelle")[:1]
    questionnaire = (
        Questionnaire.objects.filter(profil=resultat.profil, version=resultat.version)
        .annotate(libelle_besoin=Subquery(libelle_besoin))
        .first()
    )
    besoin = None
    if resultat.besoin:
        besoin = getattr(questionnaire, "libelle_besoin", None) or resultat.besoin
    seuils = (0.0, *scoring.SEUILS_NIVEAUX, 100.0)
    if questionnaire is not None:
        seuils = (
            0.0,
            float(questionnaire.seuil_comprendre),
            float(questionnaire.seuil_experimenter),
            float(questionnaire.seuil_transformer),
            100.0,
        )
    criteres = resultat.criteres or ("niveau",)
    return {
        "par_besoin": "besoin" in criteres,
        "par_niveau": "niveau" in criteres,
        "par_profil": "profil" in criteres,
        "besoin": besoin,
        "niveaux": [
            {
                "numero": n,
                "libelle": gettext(scoring.NIVEAUX[n]),
                "description": gettext(scoring.DESCRIPTIONS_NIVEAUX[n]),
                "de": seuils[n - 1],
                "a": seuils[n],
                "le_votre": n == resultat.niveau,
            }
            for n in scoring.NIVEAUX
        ],
    }


def inscription_directe(*, diagnostic: Diagnostic, utilisateur) -> dict | None:
    """L'inscription en une étape depuis la page de résultat : la prochaine session du format
    recommandé pour le public du diagnostic, si sa page accepte le formulaire d'inscription
    de l'agenda (ateliers, co-développement, parcours), et le formulaire prérempli (compte
    connecté, sinon l'adresse et l'organisation du diagnostic). Une requête au plus."""
    from agenda.forms import InscriptionForm

    resultat = diagnostic.resultat
    decrit = agenda_registre.PRESENTATIONS.get(resultat.format.slug)
    if decrit is None or not decrit.inscription_sur_fiche:
        return None  # webinaires, MOOC… : la prochaine occasion est un lien
    public = PUBLIC_DU_PROFIL.get(resultat.profil)
    session = session_prochaine(format=resultat.format, public=public)
    if session is None or session.lien_inscription:
        return None
    initial = {
        "email": diagnostic.email,
        "organisation": diagnostic.organisation_nom,
        "profil": public,
    }
    if utilisateur.is_authenticated:
        initial.update(nom=utilisateur.nom, email=utilisateur.email)
    return {
        "session": session,
        "url": agenda_registre.fiches([session])[session.pk].url,
        "form": InscriptionForm(initial={k: v for k, v in initial.items() if v}),
    }


def contexte_comparaisons(*, diagnostic: Diagnostic) -> dict[str, Any]:
    """Repère entre pairs (médianes du domaine, ce résultat compris) et évolution de
    l'organisation."""
    resultat = diagnostic.resultat
    pairs = selectors.repere_pairs(domaine_activite=resultat.domaine_activite, avec_soi=True)
    contexte: dict[str, Any] = {"pairs": None, "evolution": []}
    if pairs:
        contexte["pairs"] = {
            "nombre": pairs["nombre"],
            "lignes": [(m, resultat.scores[m], pairs["scores"][m]) for m in scoring.MODELES],
            "svg": charts.svg_scores(
                resultat.scores,
                titre=gettext("Votre profil et la médiane de votre domaine (en %)"),
                libelle_reference=gettext("Médiane des pairs"),
                reference=pairs["scores"],
                identifiant="graphique-pairs",
            ),
            "domaine": resultat.get_domaine_activite_display(),
        }
    contexte["evolution"] = selectors.evolution(diagnostic)
    return contexte


# --- Page de résultat ---------------------------------------------------------------------
# Dans le cache versionné de la plateforme (:mod:`rameau.cache`) : la page dépend du contenu
# (noms des modèles, formats, prochaines sessions et webinaires) et de l'espace « resultats »
# (repère entre pairs), qu'un nouveau résultat invalide. Une édition de l'équipe est donc
# visible en une à deux secondes sur chaque instance ; la durée ne borne que ce qui change
# avec le temps seul (la prochaine occasion).

ESPACE_RESULTATS = "resultats"
ESPACES_PAGE = (ESPACE_RESULTATS, *cache_partage.CONTENU)
DUREE_CACHE_PAGE = 300  # le prochain webinaire doit rester à jour


def generation(*, fraiche: bool = False) -> tuple | None:
    """Versions dont dépend la page (``None`` : cache injoignable). ``fraiche`` : relues
    dans le cache partagé plutôt que dans la mémoire du processus."""
    return cache_partage.versions(*ESPACES_PAGE, fraiches=fraiche)


def nouvelle_generation() -> None:
    """Un résultat a été enregistré : repère entre pairs et évolution changent."""
    cache_partage.invalider(ESPACE_RESULTATS)


def contenu_resultat(*, diagnostic: Diagnostic) -> SafeString:
    """Le corps de la page de résultat (identique pour tous les visiteurs), mis en cache
    quelques minutes ; ``diagnostic.resultat`` doit être chargé."""
    objet = diagnostic.resultat

    def rendre() -> str:
        contexte = contexte_resultat(
            resultat=resultat_moteur(objet),
            organisation_nom=diagnostic.organisation_nom,
            date=timezone.localtime(objet.calcule_le),
        )
        contexte.update(contexte_comparaisons(diagnostic=diagnostic))
        contexte["resultat_enregistre"] = objet
        return str(render_to_string("autodiagnostic/fragments/resultat_contenu.html", contexte))

    html = cache_partage.memoiser(
        espaces=ESPACES_PAGE,
        suffixe=(
            f"autodiagnostic:page:{objet.pk}:{objet.calcule_le.timestamp()}:"
            f"{diagnostic.modifie_le.timestamp()}"
        ),
        construire=rendre,
        duree=DUREE_CACHE_PAGE,
    )
    return mark_safe(html)  # noqa: S308 — rendu par nos gabarits, échappé à la source


def page_complete_en_cache(jeton: str) -> str | None:
    """La page de résultat entière déjà rendue pour un visiteur anonyme, si elle est encore
    à jour (mêmes versions, moins de :data:`DUREE_CACHE_PAGE` secondes)."""
    return cache_partage.lire(cache_partage.cle(ESPACES_PAGE, _suffixe_page_complete(jeton)))


def mettre_page_complete_en_cache(jeton: str, html: str, generation_page: tuple | None) -> None:
    """Garde la page sous les versions lues avant son rendu (``generation_page``)."""
    cle = cache_partage.cle(ESPACES_PAGE, _suffixe_page_complete(jeton), lues=generation_page)
    cache_partage.ecrire(cle, html, DUREE_CACHE_PAGE)


def _suffixe_page_complete(jeton: str) -> str:
    return f"autodiagnostic:page-complete:{jeton}"
