import pytest

from tests.factories import SessionFactory


@pytest.fixture
def session(db):
    """Un atelier publié dans sept jours, 3 places."""
    return SessionFactory(titre="Atelier « Diversifier ses ressources »", capacite=3)


@pytest.fixture
def equipe(client):
    """Un client connecté en tant que membre de l'équipe (superutilisateur)."""
    from tests.factories import UtilisateurFactory

    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    return client
