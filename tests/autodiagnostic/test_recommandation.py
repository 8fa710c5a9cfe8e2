"""La recommandation écoute le besoin : table besoin × niveau → format, tous les cas."""

import itertools

import pytest

from autodiagnostic import contenu, scoring, selectors
from autodiagnostic.models import Questionnaire, RegleRecommandation

from .conftest import diagnostic_termine

BESOINS = [code for code, _libelle in contenu.BESOINS]
PROFILS = ["association", "tete_de_reseau", "territoire", "accompagnateur_financeur"]


def attendu(*, profil: str, besoin: str | None, niveau: int) -> str:
    """DOMAIN.md, « Format recommendation » (révisé le 2026-12-01)."""
    if profil == "chercheur_enseignant" or besoin == "recherche":
        return "contenus-academiques"
    if besoin == "decouvrir":
        return "webinaires" if niveau <= 2 else "mooc"
    if besoin == "se_former":
        return "mooc"  # modules AFF aux niveaux 3–4 quand leur format existera
    if besoin == "experimenter":
        return "ateliers"
    if besoin == "echange_pairs":
        return "co-developpement"
    if besoin == "transformer":
        return "ateliers" if niveau == 1 else "parcours"
    return {1: "webinaires", 2: "mooc", 3: "ateliers", 4: "parcours"}[niveau]


def _regles_par_defaut() -> tuple[scoring.RegleSpec, ...]:
    """Les règles de la migration, sans base : le moteur les reçoit en paramètre."""
    anciennes = [r for r in contenu.REGLES if not (r[2] == "echange_pairs" and r[1] == 3)]
    return tuple(
        scoring.RegleSpec(
            profil=profil, niveau=niveau, besoin=besoin, format=slug, priorite=prio, raison=raison
        )
        for profil, niveau, besoin, slug, prio, raison in [*anciennes, *contenu.REGLES_BESOINS]
    )


def _spec_pure(profil: str) -> scoring.QuestionnaireSpec:
    return scoring.QuestionnaireSpec(
        profil=profil,
        version=1,
        questions=(
            scoring.QuestionSpec(code="ressources.dons", type="montant", modele="M6"),
            scoring.QuestionSpec(code="m", type="echelle", groupe="pilotage", obligatoire=True),
            scoring.QuestionSpec(
                code="besoin",
                type="choix_unique",
                besoin=True,
                choix=tuple(scoring.ChoixSpec(code=c) for c in BESOINS),
            ),
        ),
        regles=_regles_par_defaut(),
    )


@pytest.mark.parametrize(
    ("profil", "besoin", "niveau"),
    list(itertools.product([*PROFILS, "chercheur_enseignant"], [*BESOINS, None], [1, 2, 3, 4])),
)
def test_moteur_pur_toutes_les_combinaisons(profil, besoin, niveau):
    reponses = {"ressources.dons": 100, "m": niveau}
    if besoin:
        reponses["besoin"] = besoin
    resultat = scoring.score(_spec_pure(profil), reponses)
    assert resultat.niveau == niveau
    assert resultat.format == attendu(profil=profil, besoin=besoin, niveau=niveau)
    if besoin and besoin != "recherche" and profil != "chercheur_enseignant":
        assert "besoin" in resultat.criteres  # le besoin a compté


@pytest.mark.django_db
@pytest.mark.parametrize("profil", PROFILS)
def test_regles_en_base_toutes_les_combinaisons(profil):
    """Les règles chargées par la migration, avec les questionnaires publiés."""
    questionnaire = Questionnaire.objects.get(profil=profil, statut="publie")
    spec = selectors.spec_questionnaire(questionnaire)
    besoin = next(q.code for q in spec.questions if q.besoin)
    echelles = [q.code for q in spec.questions if q.type == "echelle"]
    ecarts = []
    for code, niveau in itertools.product(BESOINS, [1, 2, 3, 4]):
        reponses = {"ressources.dons": 100, besoin: code, **dict.fromkeys(echelles, niveau)}
        resultat = scoring.score(spec, reponses)
        assert resultat.niveau == niveau
        if resultat.format != attendu(profil=profil, besoin=code, niveau=niveau):
            ecarts.append((code, niveau, resultat.format))
    assert ecarts == []


@pytest.mark.django_db
def test_association_qui_veut_etre_accompagnee_n_a_plus_le_mooc(client):
    diagnostic = diagnostic_termine(echelle=2, besoin="transformer")
    assert diagnostic.resultat.format.slug == "parcours"
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    assert "Ce qui a mené à ce format" in page
    assert "Votre besoin prioritaire : « Être accompagné dans la transformation" in page
    assert "Les quatre niveaux de maturité" in page
    for niveau in ("Découvrir", "Comprendre", "Expérimenter", "Transformer"):
        assert niveau in page
    assert "de 25 à 50 / 100" in page and "votre niveau" in page


@pytest.mark.django_db
def test_regles_modifiables_dans_l_administration_suivies_par_le_moteur():
    regle = RegleRecommandation.objects.get(besoin="experimenter")
    regle.format_id = RegleRecommandation.objects.get(besoin="echange_pairs").format_id
    regle.save()
    diagnostic = diagnostic_termine(echelle=3, besoin="experimenter")
    assert diagnostic.resultat.format.slug == "co-developpement"


@pytest.mark.django_db
def test_variante_territoire_publiee_avec_unite_et_besoin():
    questionnaire = Questionnaire.objects.get(profil="territoire", statut="publie")
    codes = set(questionnaire.questions.values_list("code", flat=True))
    assert {"ressources.unite", "besoin.prioritaire", "ap.territoire"} <= codes
    assert questionnaire.get_profil_display() == "Territoire / collectivité"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("profil", "public_vise", "autre_public"),
    [
        ("territoire", "territoire", "tete_de_reseau"),
        ("accompagnateur_financeur", "accompagnateur", "territoire"),
        ("tete_de_reseau", "tete_de_reseau", "accompagnateur"),
    ],
)
def test_prochaine_occasion_pour_le_public_du_profil(profil, public_vise, autre_public):
    from datetime import timedelta

    from autodiagnostic import presentation
    from tests.factories import SessionFactory

    SessionFactory(titre="Pour un autre public", publics=[autre_public], dans=timedelta(days=2))
    SessionFactory(titre="Pour ce public", publics=[public_vise], dans=timedelta(days=9))
    questionnaire = Questionnaire.objects.get(profil=profil, statut="publie")
    spec = selectors.spec_questionnaire(questionnaire)
    besoin = next(q.code for q in spec.questions if q.besoin)
    reponses = {"ressources.dons": 100, besoin: "experimenter"}
    reponses.update({q.code: 3 for q in spec.questions if q.type == "echelle"})
    resultat = scoring.score(spec, reponses)
    contexte = presentation.contexte_resultat(
        resultat=resultat, organisation_nom="", date=questionnaire.publie_le
    )
    assert contexte["format"].slug == "ateliers"
    assert contexte["prochaine_occasion"]["titre"] == "Pour ce public"
