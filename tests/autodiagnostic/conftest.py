import pytest

from autodiagnostic import services
from autodiagnostic.models import Question, Questionnaire, Section


@pytest.fixture
def contenu_autodiagnostic(contenu_programme, django_db_blocker):
    """Recharge les questionnaires par défaut (vidés par les tests transactionnels)."""
    from django.apps import apps

    from autodiagnostic import contenu

    with django_db_blocker.unblock():
        contenu.charger(apps)


def reponses_association(
    *, ressources: dict | None = None, echelle: int = 2, besoin: str = "decouvrir"
) -> dict:
    """Réponses complètes au questionnaire association publié."""
    questionnaire = Questionnaire.objects.get(profil="association", statut="publie")
    donnees = {q.code: echelle for q in questionnaire.questions.all() if q.type == "echelle"}
    donnees.update(ressources or {"ressources.cotisations": 8000, "ressources.benevolat": 20000})
    donnees["besoin.prioritaire"] = besoin
    return donnees


def diagnostic_termine(
    *, ressources=None, echelle=2, besoin="decouvrir", profil="association", **kwargs
):
    diagnostic = services.diagnostic_creer(profil=profil, **kwargs)
    questions = list(diagnostic.questionnaire.questions.prefetch_related("choix"))
    erreurs = services.reponses_enregistrer(
        diagnostic=diagnostic,
        questions=questions,
        donnees=reponses_association(ressources=ressources, echelle=echelle, besoin=besoin),
    )
    assert erreurs == {}
    services.diagnostic_terminer(diagnostic=diagnostic)
    diagnostic.refresh_from_db()
    return diagnostic


def questionnaire_de_taille(nombre: int) -> Questionnaire:
    """Un questionnaire d'une section : une question de ressources puis des échelles."""
    questionnaire = Questionnaire.objects.create(
        profil="tete_de_reseau", version=100 + nombre, titre=f"Test {nombre}"
    )
    section = Section.objects.create(questionnaire=questionnaire, ordre=1, titre="Tout")
    Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        ordre=0,
        code="ressources.dons",
        libelle="Dons",
        type="montant",
        modele="M6",
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            section=section,
            ordre=i,
            code=f"q{i}",
            libelle=f"Question {i}",
            type="echelle",
            groupe="pilotage",
            obligatoire=True,
        )
        for i in range(1, nombre)
    )
    return questionnaire
