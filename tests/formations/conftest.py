import pytest

from tests.factories import SessionModuleFactory, UtilisateurFactory


@pytest.fixture
def contenu_formations(django_db_blocker):
    """Le contenu du programme et le format « formations-aff » (vidés par les tests
    transactionnels)."""
    from django.apps import apps

    from formations import contenu
    from programme import contenu as contenu_programme

    with django_db_blocker.unblock():
        contenu_programme.charger(apps)
        contenu.charger(apps)


@pytest.fixture
def lien(db):
    """Une session de module de formation AFF, dans sept jours, 12 places."""
    return SessionModuleFactory(module__titre="Diversifier ses ressources")


@pytest.fixture
def equipe(client):
    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    return client
