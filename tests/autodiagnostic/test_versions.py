"""Versions du questionnaire et administration."""

import csv
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from autodiagnostic import services
from autodiagnostic.models import Question, Questionnaire, Resultat
from tests.factories import UtilisateurFactory

from .conftest import diagnostic_termine, reponses_association

pytestmark = pytest.mark.django_db


@pytest.fixture
def equipe(client):
    utilisateur = UtilisateurFactory(is_staff=True, is_superuser=True)
    client.force_login(utilisateur)
    return utilisateur


def test_publier_modifier_republier_l_ancien_resultat_garde_ses_scores(client):
    ancien = diagnostic_termine(
        ressources={"ressources.ventes": 600, "ressources.subventions": 400}
    )
    v1 = Questionnaire.objects.get(profil="association", statut="publie")
    v2 = services.questionnaire_nouvelle_version(questionnaire=v1)
    assert (v2.version, v2.statut) == (v1.version + 1, "brouillon")
    assert v2.questions.count() == v1.questions.count() == 32
    # Dans la v2, les ventes comptent désormais comme commande publique (M3).
    Question.objects.filter(questionnaire=v2, code="ressources.ventes").update(modele="M3")
    services.questionnaire_publier(questionnaire=v2)
    v1.refresh_from_db()
    assert v1.statut == "archive"
    nouveau = diagnostic_termine(
        ressources={"ressources.ventes": 600, "ressources.subventions": 400}
    )
    assert nouveau.questionnaire == v2
    assert nouveau.resultat.dominant == "M3"
    ancien_resultat = Resultat.objects.get(diagnostic=ancien)
    assert ancien_resultat.questionnaire == v1
    assert ancien_resultat.dominant == "M2"
    page = client.get(ancien.get_resultat_url()).content.decode()
    assert f"version {v1.version}" in page
    assert "<td>60,0</td>" in page
    json = client.get(reverse("autodiagnostic:resultat_json", args=[ancien.jeton])).json()
    assert json["scores"]["M2"] == 60.0
    assert json["version_questionnaire"] == v1.version


def test_un_seul_questionnaire_publie_par_profil_contrainte_base():
    with pytest.raises(IntegrityError), transaction.atomic():
        Questionnaire.objects.create(
            profil="association", version=9, statut="publie", titre="x", publie_le=timezone.now()
        )


def test_publier_refuse_hors_brouillon():
    from django.core.exceptions import ValidationError

    v1 = Questionnaire.objects.get(profil="association", statut="publie")
    with pytest.raises(ValidationError):
        services.questionnaire_publier(questionnaire=v1)


def test_admin_version_publiee_en_lecture_seule(client, equipe):
    v1 = Questionnaire.objects.get(profil="association", statut="publie")
    url = reverse("admin:autodiagnostic_questionnaire_change", args=[v1.pk])
    page = client.get(url).content.decode()
    assert 'name="titre"' not in page  # affiché, pas modifiable
    reponse = client.post(url, {"titre": "Modifié"})
    assert reponse.status_code == 403
    question = v1.questions.first()
    reponse = client.post(
        reverse("admin:autodiagnostic_question_change", args=[question.pk]), {"libelle": "x"}
    )
    assert reponse.status_code == 403
    v1.refresh_from_db()
    assert v1.titre != "Modifié"


def test_admin_action_creer_une_nouvelle_version_puis_publier(client, equipe):
    v1 = Questionnaire.objects.get(profil="association", statut="publie")
    liste = reverse("admin:autodiagnostic_questionnaire_changelist")
    client.post(
        liste, {"action": "creer_nouvelle_version", "_selected_action": [v1.pk]}, follow=True
    )
    v2 = Questionnaire.objects.get(profil="association", version=v1.version + 1)
    assert v2.statut == "brouillon"
    page = client.get(reverse("admin:autodiagnostic_questionnaire_change", args=[v2.pk]))
    assert 'name="titre"' in page.content.decode()
    client.post(liste, {"action": "publier", "_selected_action": [v2.pk]}, follow=True)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.statut, v2.statut) == ("archive", "publie")


def test_admin_resultats_filtres_et_export_csv(client, equipe):
    diagnostic_termine(organisation_nom="Asso A", domaine_activite="culture")
    diagnostic_termine(
        organisation_nom="Asso B",
        ressources={"ressources.dons": 10},
        echelle=4,
        domaine_activite="environnement",
    )
    liste = reverse("admin:autodiagnostic_resultat_changelist")
    page = client.get(liste, {"dominant": "M6"}).content.decode()
    assert "Asso B" in page and "Asso A" not in page
    for filtre in ["niveau", "format__id__exact", "profil", "domaine_activite"]:
        assert filtre in client.get(liste).content.decode()
    reponse = client.post(
        liste,
        {
            "action": "exporter_csv",
            "_selected_action": list(Resultat.objects.values_list("pk", flat=True)),
        },
    )
    assert reponse["Content-Type"].startswith("text/csv")
    lignes = list(csv.reader(io.StringIO(reponse.content.decode("utf-8-sig")), delimiter=";"))
    assert lignes[0][:3] == ["Calculé le", "Nom de l'organisation", "Profil"]
    assert {ligne[1] for ligne in lignes[1:]} == {"Asso A", "Asso B"}
    assert len(lignes) == 3


def test_admin_refuse_d_ajouter_une_question_a_une_version_publiee(client, equipe):
    v1 = Questionnaire.objects.get(profil="association", statut="publie")
    section = v1.sections.first()
    reponse = client.post(
        reverse("admin:autodiagnostic_question_add"),
        {
            "questionnaire": v1.pk,
            "section": section.pk,
            "ordre": 99,
            "code": "intrus",
            "libelle": "Intrus",
            "type": "texte",
            "choix-TOTAL_FORMS": 0,
            "choix-INITIAL_FORMS": 0,
        },
    )
    assert reponse.status_code == 200
    assert "Sélectionnez un choix valide" in reponse.content.decode()
    assert not Question.objects.filter(code="intrus").exists()


def test_admin_pages_s_affichent(client, equipe):
    diagnostic = diagnostic_termine(organisation_nom="Asso admin")
    question = Question.objects.filter(type="choix_unique").first()
    pages = [
        reverse(f"admin:autodiagnostic_{modele}_changelist")
        for modele in [
            "questionnaire",
            "section",
            "question",
            "regle" + "recommandation",
            "diagnostic",
            "resultat",
        ]
    ] + [
        reverse("admin:autodiagnostic_question_change", args=[question.pk]),
        reverse("admin:autodiagnostic_diagnostic_change", args=[diagnostic.pk]),
        reverse("admin:autodiagnostic_resultat_change", args=[diagnostic.resultat.pk]),
        reverse("admin:autodiagnostic_questionnaire_add"),
    ]
    for url in pages:
        reponse = client.get(url)
        assert reponse.status_code == 200, url
    assert "Asso admin" in client.get(pages[4]).content.decode()


def test_copier_un_diagnostic_d_une_version_archivee_suit_la_version_publiee(client):
    from autodiagnostic.models import Diagnostic, Reponse

    publiee = Questionnaire.objects.get(profil="association", statut="publie")
    archivee = Questionnaire.objects.get(profil="association", version=1)
    assert archivee.statut == "archive"
    source = Diagnostic.objects.create(questionnaire=archivee)
    questions = list(archivee.questions.prefetch_related("choix"))
    services.reponses_enregistrer(
        diagnostic=source, questions=questions, donnees=reponses_association()
    )
    services.diagnostic_terminer(diagnostic=source)
    client.post(reverse("autodiagnostic:copier", args=[source.jeton]))
    copie = Diagnostic.objects.exclude(pk=source.pk).get()
    assert copie.questionnaire == publiee
    copiees = Reponse.objects.filter(diagnostic=copie).select_related("question")
    assert {r.question.questionnaire_id for r in copiees} == {publiee.pk}
    assert {r.question.code: r.valeur for r in copiees} == dict(
        Reponse.objects.filter(diagnostic=source).values_list("question__code", "valeur")
    )
