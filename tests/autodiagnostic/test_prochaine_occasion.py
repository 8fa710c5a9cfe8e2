"""La prochaine occasion concrète du format recommandé : session datée, lien, webinaire."""

from datetime import timedelta

import pytest
from django.utils import timezone

from autodiagnostic import presentation
from programme.models import Format
from tests.factories import SessionFactory

from .conftest import diagnostic_termine

pytestmark = pytest.mark.django_db


def test_resultat_ateliers_propose_la_prochaine_session_d_atelier(client, contenu_autodiagnostic):
    SessionFactory(titre="Atelier du mois prochain", dans=timedelta(days=30))
    prochaine = SessionFactory(titre="Atelier de la semaine prochaine", dans=timedelta(days=7))
    SessionFactory(titre="Atelier d'hier", dans=timedelta(days=-1))
    diagnostic = diagnostic_termine(echelle=3, besoin="experimenter")
    assert diagnostic.resultat.format.slug == "ateliers"
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    occasion = page.split("Prochaine occasion")[1].split("</p>")[0]
    assert "Atelier de la semaine prochaine" in occasion
    jour = timezone.localtime(prochaine.debut)
    assert f"{jour.day} " in occasion and f"{jour.year} à {jour:%H}h{jour:%M}" in occasion
    # La page de l'atelier (accompagnement), où l'on s'inscrit.
    assert f'href="/accompagnement/ateliers/{prochaine.pk}/"' in occasion


def test_sans_session_le_mooc_reste_son_lien(client, contenu_autodiagnostic):
    SessionFactory(titre="Atelier")
    diagnostic = diagnostic_termine(echelle=2, besoin="se_former")
    assert diagnostic.resultat.format.slug == "mooc"
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    occasion = page.split("Prochaine occasion")[1].split("</p>")[0]
    assert "coursera.org" in occasion and "Atelier" not in occasion


def test_prochaine_session_et_son_lien_en_une_requete(contenu_programme, django_assert_num_queries):
    ateliers = Format.objects.get(slug="ateliers")
    session = SessionFactory(titre="Atelier sans lien d'inscription")
    with django_assert_num_queries(1):
        occasion = presentation.prochaine_occasion(ateliers)
    assert occasion["url"] == f"/accompagnement/ateliers/{session.pk}/" and not occasion["externe"]
