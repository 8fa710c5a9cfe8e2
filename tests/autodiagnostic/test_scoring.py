"""Moteur pur : aucun accès à la base."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiagnostic import contenu, scoring
from autodiagnostic.scoring import (
    ChoixSpec,
    ErreurValidation,
    QuestionnaireSpec,
    QuestionSpec,
    RegleSpec,
    score,
)

RESSOURCES = tuple(
    QuestionSpec(code=code, type="montant", modele=modele)
    for code, _libelle, _aide, modele in contenu.RESSOURCES
)
ECHELLES = tuple(
    QuestionSpec(code=code, type="echelle", groupe=groupe, obligatoire=True)
    for groupe, _titre, questions in contenu.MATURITE_ASSOCIATION
    for code, _libelle in questions
)
BESOIN = QuestionSpec(
    code="besoin.prioritaire",
    type="choix_unique",
    obligatoire=True,
    besoin=True,
    choix=tuple(ChoixSpec(code=c) for c, _l in contenu.BESOINS),
)
REGLES = tuple(
    RegleSpec(profil=p, niveau=n, besoin=b, format=f, priorite=pr, raison=r)
    for p, n, b, f, pr, r in contenu.REGLES
)
SPEC = QuestionnaireSpec(
    profil="association",
    version=1,
    questions=(*RESSOURCES, *ECHELLES, BESOIN),
    regles=REGLES,
    noms_formats={"webinaires": "Webinaires", "mooc": "MOOC", "ateliers": "Ateliers"},
)


def reponses(ressources: dict, echelle: int = 2, besoin: str = "decouvrir") -> dict:
    donnees = {f"ressources.{k}": v for k, v in ressources.items()}
    donnees.update({q.code: echelle for q in ECHELLES})
    donnees["besoin.prioritaire"] = besoin
    return donnees


@pytest.mark.parametrize(
    ("ressources", "attendu"),
    [
        # Association de quartier : cotisations et bénévolat.
        ({"cotisations": 8_000, "benevolat": 25_000, "subventions": 3_000}, "M1"),
        # ESAT qui vend ses prestations.
        ({"ventes": 1_800_000, "subventions": 200_000, "dons": 10_000}, "M2"),
        # Délégation de service public (protection de l'enfance).
        ({"commande_publique": 4_500_000, "ventes": 300_000, "dons": 20_000}, "M3"),
        # Éducation populaire sur subventions.
        ({"subventions": 240_000, "cotisations": 15_000, "ventes": 40_000}, "M4"),
        # ONG qui abonde des fonds européens.
        ({"cofinancements": 900_000, "dons": 250_000, "mecenat": 100_000}, "M5"),
        # Association environnementale sur dons et mécénat.
        ({"dons": 300_000, "mecenat": 150_000, "subventions": 60_000}, "M6"),
        # Médiation sociale financée par ses fondateurs.
        ({"apports_fondateurs": 500_000, "subventions": 120_000}, "M7"),
    ],
)
def test_score_cas_realiste_par_modele(ressources, attendu):
    resultat = score(SPEC, reponses(ressources))
    assert resultat.dominant == attendu
    assert not resultat.hybride
    assert resultat.libelle_dominant == attendu
    assert math.isclose(sum(resultat.scores.values()), 100.0)


def test_score_esat_est_operateur_economique():
    resultat = score(SPEC, reponses({"ventes": 800, "subventions": 200}))
    assert resultat.logique == "operateur"
    assert resultat.scores["M2"] == 80.0


def test_score_hybride_quand_le_second_est_proche():
    resultat = score(SPEC, reponses({"ventes": 45, "subventions": 40, "dons": 15}))
    assert resultat.hybride
    assert resultat.libelle_dominant == "M2 / M4"
    assert resultat.second == "M4"
    assert resultat.logique == "interet_general"


def test_score_pas_hybride_au_dela_du_seuil():
    spec = QuestionnaireSpec(profil="association", version=1, questions=RESSOURCES, seuil_hybride=5)
    resultat = score(spec, {"ressources.ventes": 45, "ressources.subventions": 38})
    assert resultat.libelle_dominant == "M2"
    assert resultat.second is None


def test_score_egalite_departagee_par_ordre_des_modeles():
    resultat = score(SPEC, reponses({"dons": 500, "subventions": 500}))
    assert resultat.dominant == "M4"
    assert resultat.libelle_dominant == "M4 / M6"


def test_score_trois_tiers_somme_exactement_a_100():
    resultat = score(SPEC, reponses({"ventes": 1, "subventions": 1, "dons": 1}))
    assert sorted(resultat.scores.values(), reverse=True)[:3] == [33.4, 33.3, 33.3]
    assert resultat.dominant == "M2"


def test_maturite_et_niveaux():
    for echelle, niveau, libelle, format_ in [
        (1, 1, "Découvrir", "webinaires"),
        (2, 2, "Comprendre", "mooc"),
        (3, 3, "Expérimenter", "ateliers"),
        (4, 4, "Transformer", "parcours"),
    ]:
        resultat = score(SPEC, reponses({"dons": 1}, echelle=echelle))
        assert resultat.niveau == niveau
        assert resultat.niveau_libelle == libelle
        assert resultat.format == format_
        assert set(resultat.maturite) == set(scoring.GROUPES)
    assert score(SPEC, reponses({"dons": 1}, echelle=4)).maturite_globale == 100.0
    assert score(SPEC, reponses({"dons": 1}, echelle=1)).maturite_globale == 0.0


def test_recommandation_echange_entre_pairs_au_niveau_3():
    resultat = score(SPEC, reponses({"dons": 1}, echelle=3, besoin="echange_pairs"))
    assert resultat.format == "co-developpement"
    assert "pairs" in resultat.raison
    assert "ateliers" in resultat.alternatives


def test_recommandation_profil_recherche():
    spec = QuestionnaireSpec(
        profil="chercheur_enseignant", version=1, questions=SPEC.questions, regles=REGLES
    )
    resultat = score(spec, reponses({"dons": 1}, echelle=4))
    assert resultat.format == "contenus-academiques"
    assert "parcours" in resultat.alternatives


def test_raison_phrase_en_francais_avec_le_format():
    resultat = score(SPEC, reponses({"dons": 1}, echelle=1))
    assert resultat.raison.startswith("Au niveau « Découvrir »")
    assert "Webinaires" in resultat.raison


def test_poids_des_choix_ajoutes_aux_modeles():
    question = QuestionSpec(
        code="statut",
        type="choix_unique",
        choix=(ChoixSpec(code="esat", poids={"M2": 100}),),
    )
    spec = QuestionnaireSpec(profil="association", version=1, questions=(*RESSOURCES, question))
    resultat = score(spec, {"ressources.dons": 100, "statut": "esat"})
    assert resultat.scores["M2"] == 50.0
    assert resultat.scores["M6"] == 50.0


def test_montants_en_texte_francais_et_pourcentages():
    spec = QuestionnaireSpec(
        profil="association",
        version=1,
        questions=(
            QuestionSpec(code="a", type="montant", modele="M1"),
            QuestionSpec(code="b", type="pourcentage", modele="M4"),
        ),
    )
    resultat = score(spec, {"a": "12 000,50 €", "b": "0"})
    assert resultat.scores["M1"] == 100.0


@pytest.mark.parametrize(
    ("valeur", "message"),
    [
        (-5, "négatif"),
        ("douze", "nombre"),
        ("1e12", "10 milliards"),
        (True, "nombre"),
        ("nan", "nombre"),
    ],
)
def test_erreur_montant_invalide(valeur, message):
    with pytest.raises(ErreurValidation) as exc:
        score(SPEC, reponses({"dons": 1, "ventes": valeur}))
    assert list(exc.value.erreurs) == ["ressources.ventes"]
    assert message in exc.value.erreurs["ressources.ventes"][0]


def test_erreurs_ressources_nulles_obligatoire_manquant_et_code_inconnu():
    donnees = reponses({"dons": 0})
    del donnees["rh.motivations"]
    donnees["inconnu.code"] = 3
    donnees["besoin.prioritaire"] = "pas_un_choix"
    with pytest.raises(ErreurValidation) as exc:
        score(SPEC, donnees)
    erreurs = exc.value.erreurs
    assert erreurs["ressources.cotisations"] == [
        "Indiquez au moins une ressource supérieure à zéro."
    ]
    assert erreurs["rh.motivations"] == ["Cette réponse est obligatoire."]
    assert erreurs["inconnu.code"] == ["Cette question n'existe pas dans ce questionnaire."]
    assert "proposées" in erreurs["besoin.prioritaire"][0]


@pytest.mark.parametrize("valeur", [0, 5, 2.5, "x"])
def test_erreur_echelle_hors_bornes(valeur):
    with pytest.raises(ErreurValidation) as exc:
        score(SPEC, {**reponses({"dons": 1}), "rh.motivations": valeur})
    assert exc.value.erreurs["rh.motivations"] == ["Choisissez une valeur entre 1 et 4."]


def test_resultat_aller_retour_en_dict():
    resultat = score(SPEC, reponses({"ventes": 45, "subventions": 40, "dons": 15}))
    assert scoring.ResultatDiagnostic.depuis_dict(resultat.en_dict()) == resultat


montants = st.one_of(
    st.just(0),
    st.integers(min_value=0, max_value=10_000_000_000),
    st.floats(min_value=0, max_value=10_000_000_000, allow_nan=False),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(montants, min_size=9, max_size=9).filter(lambda xs: sum(xs) > 0),
    st.integers(min_value=1, max_value=4),
)
def test_propriete_scores_somment_a_100_et_jamais_negatifs(valeurs, echelle):
    donnees = dict(zip((q.code for q in RESSOURCES), valeurs, strict=True))
    resultat = score(SPEC, {**reponses({}, echelle=echelle), **donnees})
    assert all(v >= 0 for v in resultat.scores.values())
    assert round(sum(resultat.scores.values()) * 10) == 1000
    assert resultat.scores[resultat.dominant] == max(resultat.scores.values())
    assert 1 <= resultat.niveau <= 4


@given(st.dictionaries(st.sampled_from(scoring.MODELES), st.floats(0, 1e9), min_size=1))
def test_propriete_arrondi_plus_fort_reste(valeurs):
    if sum(valeurs.values()) <= 0:
        return
    arrondis = scoring.arrondir_a_100(valeurs)
    assert round(sum(arrondis.values()) * 10) == 1000
    assert all(v >= 0 for v in arrondis.values())


def test_seuils_de_niveau_modifiables():
    spec = QuestionnaireSpec(
        profil="association",
        version=1,
        questions=SPEC.questions,
        regles=REGLES,
        seuils_niveaux=(10, 20, 30),
    )
    resultat = score(spec, reponses({"dons": 1}, echelle=2))  # maturité 33,3
    assert resultat.niveau == 4
    assert resultat.format == "parcours"
