"""La prochaine occasion concrète du format recommandé : session datée, lien, webinaire."""

from datetime import timedelta

import pytest
from django.utils import timezone

from programme.models import Format, SessionFormat

from .conftest import diagnostic_termine

pytestmark = pytest.mark.django_db


def _session(slug, titre, *, dans):
    debut = (timezone.now() + dans).replace(second=0, microsecond=0)
    return SessionFormat.objects.create(
        format=Format.objects.get(slug=slug),
        titre=titre,
        debut=debut,
        fin=debut + timedelta(hours=3),
        lieu="En ligne",
    )


def test_resultat_ateliers_propose_la_prochaine_session_d_atelier(client, contenu_autodiagnostic):
    _session("ateliers", "Atelier du mois prochain", dans=timedelta(days=30))
    prochaine = _session("ateliers", "Atelier de la semaine prochaine", dans=timedelta(days=7))
    _session("ateliers", "Atelier d'hier", dans=timedelta(days=-1))
    diagnostic = diagnostic_termine(echelle=3, besoin="experimenter")
    assert diagnostic.resultat.format.slug == "ateliers"
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    occasion = page.split("Prochaine occasion")[1].split("</p>")[0]
    assert "Atelier de la semaine prochaine" in occasion
    jour = timezone.localtime(prochaine.debut)
    assert f"{jour.day} " in occasion and f"{jour.year} à {jour:%H}h{jour:%M}" in occasion
    assert 'href="/formats/ateliers/#sessions"' in occasion


def test_sans_session_le_mooc_reste_son_lien(client, contenu_autodiagnostic):
    _session("ateliers", "Atelier", dans=timedelta(days=7))
    diagnostic = diagnostic_termine(echelle=2)
    assert diagnostic.resultat.format.slug == "mooc"
    page = client.get(diagnostic.get_resultat_url()).content.decode()
    occasion = page.split("Prochaine occasion")[1].split("</p>")[0]
    assert "coursera.org" in occasion and "Atelier" not in occasion
