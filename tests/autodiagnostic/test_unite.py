"""Une seule unité par jeu de réponses pour le mix de ressources : euros ou pourcentages."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from autodiagnostic import scoring, services
from autodiagnostic.models import Diagnostic, Questionnaire, Reponse, Resultat
from autodiagnostic.scoring import ErreurValidation, QuestionnaireSpec, QuestionSpec, score

from .conftest import reponses_association
from .test_scoring import BESOIN, ECHELLES, RESSOURCES, SPEC, reponses

UNITE = QuestionSpec(code="ressources.unite", type="unite")
SPEC_UNITE = QuestionnaireSpec(
    profil="association", version=2, questions=(UNITE, *RESSOURCES, *ECHELLES, BESOIN)
)
# Le mélange du rapport de défaut : 8 000 € de cotisations, 70 % de dons, 20 % de mécénat.
MELANGE = {"cotisations": "8 000 €", "dons": "70 %", "mecenat": "20 %"}
EUROS = {"cotisations": 8_000, "benevolat": 2_000, "dons": 70_000, "mecenat": 20_000}
POURCENTAGES = {"cotisations": "8 %", "benevolat": "2", "dons": "70 %", "mecenat": "20"}


# --- Moteur pur ---------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [SPEC, SPEC_UNITE], ids=["sans-question-unite", "unite"])
def test_moteur_refuse_le_melange_euros_pourcentages(spec):
    with pytest.raises(ErreurValidation) as exc:
        score(spec, reponses(MELANGE))
    assert set(exc.value.erreurs) == {"ressources.dons", "ressources.mecenat"}
    message = exc.value.erreurs["ressources.dons"][0]
    assert "en euros" in message and "sans « % »" in message


def test_moteur_unite_pourcentage_refuse_les_euros_et_plus_de_100():
    donnees = {**reponses(MELANGE), "ressources.unite": "pourcentage"}
    with pytest.raises(ErreurValidation) as exc:
        score(SPEC_UNITE, donnees)
    assert set(exc.value.erreurs) == {"ressources.cotisations"}
    assert "sans « € »" in exc.value.erreurs["ressources.cotisations"][0]
    donnees["ressources.cotisations"] = "8000"
    with pytest.raises(ErreurValidation) as exc:
        score(SPEC_UNITE, donnees)
    assert (
        "Un pourcentage ne peut pas dépasser 100." in exc.value.erreurs["ressources.cotisations"][0]
    )
    donnees["ressources.cotisations"] = "30"  # 30 + 70 + 20 = 120 %
    with pytest.raises(ErreurValidation) as exc:
        score(SPEC_UNITE, donnees)
    assert exc.value.erreurs == {
        "ressources.cotisations": ["Vos pourcentages dépassent 100 % au total : vérifiez-les."]
    }


def test_moteur_unite_inconnue():
    with pytest.raises(ErreurValidation) as exc:
        score(SPEC_UNITE, {**reponses(EUROS), "ressources.unite": "dollars"})
    assert exc.value.erreurs["ressources.unite"] == ["Choisissez l'unité : euros ou pourcentages."]


def test_moteur_euros_ou_pourcentages_donnent_le_meme_resultat_qu_avant():
    avant = score(SPEC, reponses(EUROS))
    assert avant.scores["M6"] == 90.0 and avant.scores["M1"] == 10.0
    for spec, donnees in [
        (SPEC_UNITE, reponses(EUROS)),
        (SPEC_UNITE, {**reponses(EUROS), "ressources.unite": "euros"}),
        (SPEC_UNITE, {**reponses(POURCENTAGES), "ressources.unite": "pourcentage"}),
    ]:
        resultat = score(spec, donnees)
        assert resultat.scores == avant.scores
        assert (resultat.dominant, resultat.niveau, resultat.format) == (
            avant.dominant,
            avant.niveau,
            avant.format,
        )


def test_moteur_sans_question_unite_refuse_des_types_melanges():
    montant = QuestionSpec(code="ressources.dons", type="montant", modele="M6")
    part = QuestionSpec(code="ressources.ventes", type="pourcentage", modele="M2")
    spec = QuestionnaireSpec(profil="association", version=1, questions=(montant, part))
    with pytest.raises(ErreurValidation) as exc:
        score(spec, {"ressources.dons": 8000, "ressources.ventes": 70})
    assert list(exc.value.erreurs) == ["ressources.ventes"]
    assert "Ne mélangez pas" in exc.value.erreurs["ressources.ventes"][0]
    assert score(spec, {"ressources.ventes": 70}).dominant == "M2"


# --- Parcours web -------------------------------------------------------------------------


def _demarrer():
    return services.diagnostic_creer(profil="association")


def _reponses(diagnostic) -> dict:
    return dict(
        Reponse.objects.filter(diagnostic=diagnostic).values_list("question__code", "valeur")
    )


def _section_1(client, diagnostic, ressources: dict, **autres):
    donnees = {f"ressources.{k}": v for k, v in ressources.items()}
    return client.post(
        reverse("autodiagnostic:section", args=[diagnostic.jeton, 1]), {**donnees, **autres}
    )


@pytest.mark.django_db
def test_section_propose_l_unite_une_fois_pour_toutes_les_ressources(client):
    diagnostic = _demarrer()
    page = client.get(reverse("autodiagnostic:section", args=[diagnostic.jeton, 1]))
    html = page.content.decode()
    assert html.count('name="ressources.unite"') == 2
    assert 'value="euros" checked' in html
    assert "En pourcentages du total" in html


@pytest.mark.django_db
def test_section_le_melange_du_rapport_est_refuse_sur_les_champs(client):
    diagnostic = _demarrer()
    reponse = _section_1(client, diagnostic, MELANGE, **{"ressources.unite": "euros"})
    page = reponse.content.decode()
    assert reponse.status_code == 400
    assert page.count("Vos ressources sont indiquées en euros") == 4  # 2 + résumé
    assert 'value="70 %"' in page  # la saisie reste affichée pour être corrigée
    assert _reponses(diagnostic) == {
        "ressources.unite": "euros",
        "ressources.cotisations": 8000.0,
    }
    # En pourcentages, c'est le montant en euros qui est refusé.
    diagnostic = _demarrer()
    reponse = _section_1(client, diagnostic, MELANGE, **{"ressources.unite": "pourcentage"})
    assert "Vos ressources sont indiquées en pourcentages" in (reponse.content.decode())
    assert _reponses(diagnostic) == {
        "ressources.unite": "pourcentage",
        "ressources.dons": 70.0,
        "ressources.mecenat": 20.0,
    }
    assert not Resultat.objects.exists()


@pytest.mark.django_db
def test_section_pourcentages_au_dela_de_100_au_total(client):
    diagnostic = _demarrer()
    reponse = _section_1(
        client, diagnostic, {"dons": "70", "mecenat": "40"}, **{"ressources.unite": "pourcentage"}
    )
    assert reponse.status_code == 400
    assert "Vos pourcentages dépassent 100 % au total : vérifiez-les." in (reponse.content.decode())


@pytest.mark.django_db
def test_enregistrement_automatique_suit_l_unite_choisie(client):
    diagnostic = _demarrer()

    def autosave(code, valeur):
        url = reverse("autodiagnostic:reponse", args=[diagnostic.jeton, code])
        return client.post(url, {code: valeur}, HTTP_HX_REQUEST="true").content.decode()

    assert "Réponse enregistrée." in autosave("ressources.cotisations", "8 000 €")
    assert "Vos ressources sont indiquées en euros" in autosave("ressources.dons", "70 %")
    assert "vérifiez que les ressources déjà saisies" in autosave("ressources.unite", "pourcentage")
    assert "sans « € »" in autosave("ressources.mecenat", "20 €")
    assert "Réponse enregistrée." in autosave("ressources.dons", "70 %")
    assert _reponses(diagnostic) == {
        "ressources.unite": "pourcentage",
        "ressources.cotisations": 8000.0,
        "ressources.dons": 70.0,
    }
    # Le résultat n'est pas calculé sur un tel mélange : 8 000 n'est pas un pourcentage.
    questions = list(diagnostic.questionnaire.questions.prefetch_related("choix"))
    donnees = {k: v for k, v in reponses_association().items() if not k.startswith("ress")}
    services.reponses_enregistrer(diagnostic=diagnostic, questions=questions, donnees=donnees)
    with pytest.raises(scoring.ErreurValidation) as exc:
        services.diagnostic_soumettre(diagnostic=diagnostic)
    assert list(exc.value.erreurs) == ["ressources.cotisations"]


@pytest.mark.django_db
def test_parcours_en_pourcentages_meme_resultat_qu_en_euros(client):
    resultats = []
    for unite, ressources in [("euros", EUROS), ("pourcentage", POURCENTAGES)]:
        diagnostic = _demarrer()
        assert (
            _section_1(client, diagnostic, ressources, **{"ressources.unite": unite}).status_code
            == 302
        )
        questions = list(diagnostic.questionnaire.questions.prefetch_related("choix"))
        donnees = {k: v for k, v in reponses_association().items() if not k.startswith("ress")}
        services.reponses_enregistrer(diagnostic=diagnostic, questions=questions, donnees=donnees)
        reponse = client.post(
            reverse("autodiagnostic:section", args=[diagnostic.jeton, 6]),
            {"besoin.prioritaire": "decouvrir"},
        )
        assert reponse.url == diagnostic.get_resultat_url()
        resultats.append(Resultat.objects.get(diagnostic=diagnostic))
    euros, pourcentages = resultats
    assert euros.scores == pourcentages.scores
    assert euros.scores["M6"] == 90.0
    page = client.get(
        reverse("autodiagnostic:section", args=[pourcentages.diagnostic.jeton, 1])
    ).content.decode()
    assert "terminé" in page


@pytest.mark.django_db
def test_la_page_affiche_le_symbole_de_l_unite_choisie(client):
    diagnostic = _demarrer()
    url = reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])
    _section_1(
        client,
        diagnostic,
        {"dons": "70"},
        **{"ressources.unite": "pourcentage", "action": "plus_tard"},
    )
    html = client.get(url).content.decode()
    assert 'value="pourcentage" checked' in html
    assert '<span class="unite unite--pourcentage">%</span>' in html
    assert '<span class="unite unite--euros" hidden>€</span>' in html


# --- Fichier de réponses (commande) -------------------------------------------------------


def _commande(tmp_path, donnees: dict) -> dict:
    from io import StringIO

    fichier = tmp_path / "reponses.json"
    fichier.write_text(json.dumps(donnees), encoding="utf-8")
    sortie = StringIO()
    call_command("score_diagnostic", str(fichier), stdout=sortie)
    return json.loads(sortie.getvalue())


def _ressources(valeurs: dict) -> dict:
    return {f"ressources.{k}": v for k, v in valeurs.items()}


@pytest.mark.django_db
def test_commande_refuse_le_melange_en_francais(tmp_path):
    donnees = {**reponses_association(ressources=_ressources(MELANGE))}
    with pytest.raises(CommandError) as exc:
        _commande(tmp_path, donnees)
    message = str(exc.value)
    assert "ressources.dons : Vos ressources sont indiquées en euros" in message
    assert "ressources.mecenat" in message and "ressources.cotisations" not in message


@pytest.mark.django_db
def test_commande_euros_ou_pourcentages_meme_resultat(tmp_path):
    euros = _commande(tmp_path, reponses_association(ressources=_ressources(EUROS)))
    pourcentages = _commande(
        tmp_path,
        {
            **reponses_association(ressources=_ressources(POURCENTAGES)),
            "ressources.unite": "pourcentage",
        },
    )
    assert euros == pourcentages
    assert euros["scores"]["M6"] == 90.0


@pytest.mark.django_db
def test_commande_modele_decrit_l_unite():
    from io import StringIO

    sortie = StringIO()
    call_command("score_diagnostic", "--modele", stdout=sortie)
    modele = json.loads(sortie.getvalue())
    assert modele["ressources.unite"]["type"] == "unite"
    assert modele["ressources.unite"]["valeurs"] == ["euros", "pourcentage"]
    assert modele["ressources.unite"]["obligatoire"] is False


# --- Versions -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_l_unite_arrive_par_une_nouvelle_version_les_anciens_resultats_gardent_leurs_scores(
    client,
):
    from django.apps import apps

    from autodiagnostic import contenu

    # État d'avant : la version 1 publiée, sans question d'unité, et un résultat calculé.
    Questionnaire.objects.filter(version__gt=1).delete()
    Questionnaire.objects.filter(version=1).update(statut="publie")
    v1 = Questionnaire.objects.get(profil="association", version=1)
    assert not v1.questions.filter(type="unite").exists()
    ancien = services.diagnostic_creer(profil="association")
    questions = list(v1.questions.prefetch_related("choix"))
    ressources = _ressources({"ventes": 600, "subventions": 400})
    services.reponses_enregistrer(
        diagnostic=ancien, questions=questions, donnees=reponses_association(ressources=ressources)
    )
    ancien_resultat = services.diagnostic_terminer(diagnostic=ancien)
    avant = (ancien_resultat.scores, ancien_resultat.donnees)

    contenu.ajouter_unite_ressources(apps)
    contenu.ajouter_unite_ressources(apps)  # sans effet la seconde fois

    v1.refresh_from_db()
    v2 = Questionnaire.objects.get(profil="association", statut="publie")
    assert (v1.statut, v2.version) == ("archive", 2)
    assert Questionnaire.objects.filter(profil="association").count() == 2
    codes_v1 = list(v1.questions.values_list("code", flat=True))
    assert list(v2.questions.values_list("code", flat=True)) == ["ressources.unite", *codes_v1]
    assert v2.questions.get(code="ressources.unite").section.ordre == 1
    ancien_resultat.refresh_from_db()
    assert (ancien_resultat.scores, ancien_resultat.donnees) == avant
    assert ancien_resultat.questionnaire == v1
    json_ancien = client.get(reverse("autodiagnostic:resultat_json", args=[ancien.jeton])).json()
    assert json_ancien["version_questionnaire"] == 1
    assert json_ancien["scores"]["M2"] == 60.0
    # Les mêmes réponses donnent les mêmes scores avec la nouvelle version.
    nouveau = services.diagnostic_creer(profil="association")
    assert nouveau.questionnaire == v2
    questions = list(v2.questions.prefetch_related("choix"))
    services.reponses_enregistrer(
        diagnostic=nouveau, questions=questions, donnees=reponses_association(ressources=ressources)
    )
    assert services.diagnostic_terminer(diagnostic=nouveau).scores == avant[0]
    assert Diagnostic.objects.count() == 2


@pytest.mark.django_db
def test_publier_refuse_des_ressources_en_euros_et_en_pourcentages_sans_question_d_unite():
    from django.core.exceptions import ValidationError

    v2 = Questionnaire.objects.get(profil="association", statut="publie")
    v3 = services.questionnaire_nouvelle_version(questionnaire=v2)
    v3.questions.filter(code="ressources.unite").delete()
    v3.questions.filter(code="ressources.dons").update(type="pourcentage")
    with pytest.raises(ValidationError) as exc:
        services.questionnaire_publier(questionnaire=v3)
    assert "mélangent" in exc.value.messages[0]
    v3.questions.filter(code="ressources.dons").update(type="montant")
    services.questionnaire_publier(questionnaire=v3)
