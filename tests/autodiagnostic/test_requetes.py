"""Nombre de requêtes constant quel que soit le nombre de questions."""

import pytest
from django.urls import reverse

from autodiagnostic import services
from autodiagnostic.models import Diagnostic

from .conftest import diagnostic_termine, questionnaire_de_taille

pytestmark = pytest.mark.django_db


def _diagnostic(nombre):
    questionnaire = questionnaire_de_taille(nombre)
    diagnostic = Diagnostic.objects.create(questionnaire=questionnaire)
    questions = list(questionnaire.questions.prefetch_related("choix"))
    donnees = {q.code: 3 for q in questions}
    donnees["ressources.dons"] = 100
    assert (
        services.reponses_enregistrer(diagnostic=diagnostic, questions=questions, donnees=donnees)
        == {}
    )
    return diagnostic


@pytest.mark.parametrize("nombre", [10, 100])
def test_page_de_section_nombre_de_requetes_constant(client, django_assert_num_queries, nombre):
    diagnostic = _diagnostic(nombre)
    url = reverse("autodiagnostic:section", args=[diagnostic.jeton, 1])
    with django_assert_num_queries(5):
        page = client.get(url).content.decode()
    assert page.count('type="radio"') == (nombre - 1) * 4
    assert page.count(" checked") == nombre - 1


@pytest.mark.parametrize("nombre", [10, 100])
def test_resultat_nombre_de_requetes_constant(client, django_assert_num_queries, nombre):
    diagnostic = _diagnostic(nombre)
    services.diagnostic_terminer(diagnostic=diagnostic)
    # Des pairs et un historique, pour que toutes les parties de la page s'affichent.
    for _ in range(5):
        diagnostic_termine(domaine_activite="culture")
    Diagnostic.objects.filter(pk=diagnostic.pk).update(domaine_activite="culture")
    diagnostic.resultat.domaine_activite = "culture"
    diagnostic.resultat.save()
    # Diagnostic et résultat, modèles, leurs familles de leviers, formats, prochaine session
    # du format recommandé, prochain webinaire, repère des pairs, explication (seuils et
    # besoin), session de l'inscription en une étape (ateliers) : 9 requêtes, quel que soit
    # le nombre de questions.
    with django_assert_num_queries(9):
        page = client.get(diagnostic.get_resultat_url()).content.decode()
    assert "Vous et vos pairs" in page
    # Ensuite, pour un visiteur anonyme, la page vient du cache : aucune requête.
    with django_assert_num_queries(0):
        deuxieme = client.get(diagnostic.get_resultat_url()).content.decode()
    assert (
        deuxieme.split("<main")[1].split("</main>")[0] == page.split("<main")[1].split("</main>")[0]
    )


def test_page_partagee_sans_jeton_csrf_et_jamais_pour_une_personne_connectee(client):
    from tests.factories import MembreFactory

    diagnostic = diagnostic_termine(domaine_activite="culture")
    anonyme = client.get(diagnostic.get_resultat_url()).content.decode()
    assert '"X-CSRFToken": ""' in anonyme
    membre = MembreFactory().utilisateur
    client.force_login(membre)
    connecte = client.get(diagnostic.get_resultat_url()).content.decode()
    assert '"X-CSRFToken": ""' not in connecte
    assert "Se déconnecter" in connecte


def test_page_partagee_recalculee_apres_un_nouveau_resultat(client):
    diagnostic = diagnostic_termine(domaine_activite="culture")
    assert "Vous et vos pairs" not in client.get(diagnostic.get_resultat_url()).content.decode()
    for _ in range(5):
        diagnostic_termine(domaine_activite="culture")
    assert "Vous et vos pairs" in client.get(diagnostic.get_resultat_url()).content.decode()


def test_page_partagee_malgre_un_cookie_tiers_mais_pas_avec_un_message(
    client, django_assert_num_queries
):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    diagnostic = diagnostic_termine(domaine_activite="culture")
    client.get(diagnostic.get_resultat_url())  # met la page en cache
    client.cookies["preference"] = "contraste-eleve"
    with django_assert_num_queries(0):
        assert client.get(diagnostic.get_resultat_url()).status_code == 200
    # Un message en attente doit s'afficher : la page est alors rendue pour ce visiteur.
    stockage = CookieStorage(RequestFactory().get("/"))
    client.cookies[CookieStorage.cookie_name] = stockage._encode(
        [Message(constants.INFO, "Bienvenue dans votre résultat")]
    )
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    assert "Bienvenue dans votre résultat" in page
