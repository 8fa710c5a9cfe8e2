from datetime import timedelta

import pytest

from tests.factories import SessionFactory


@pytest.fixture
def parcours(db):
    """Un parcours (session parente) de trois étapes, 20 places, qui commence dans un mois."""
    parent = SessionFactory(
        slug_format="parcours",
        titre="Parcours « Piloter la transformation »",
        dans=timedelta(days=30),
        capacite=20,
    )
    parent.fin = parent.debut + timedelta(days=60)
    parent.save()
    for ordre, (titre, jours) in enumerate(
        [("Cadrage", 30), ("Méthode et application", 60), ("Bilan et appropriation", 89)],
        start=1,
    ):
        SessionFactory(
            slug_format="parcours",
            titre=titre,
            parent=parent,
            ordre=ordre,
            dans=timedelta(days=jours),
        )
    return parent


@pytest.fixture
def contenu_autodiagnostic(contenu_programme, django_db_blocker):
    """Les questionnaires et règles par défaut (vidés par les tests transactionnels)."""
    from django.apps import apps

    from autodiagnostic import contenu

    with django_db_blocker.unblock():
        contenu.charger(apps)
